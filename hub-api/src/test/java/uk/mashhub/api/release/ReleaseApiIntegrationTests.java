package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.DatabaseOwner;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.kernel.HubScope;

/**
 * Releasing records for a referral over HTTP, under the worked-example Northshire agreement: the
 * police share incidents with children's social care for SAFEGUARDING_CHILDREN without consent.
 */
@HubIntegrationTest
class ReleaseApiIntegrationTests {

    @LocalServerPort
    int port;

    private static final com.fasterxml.jackson.databind.ObjectMapper STREAM_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private Http http;
    private ReleaseCase aCase;
    private String releases;
    private String policeRecord;
    private String otherChildsRecord;

    ReleaseApiIntegrationTests(@Autowired JdbcClient jdbc, @Autowired AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    @BeforeEach
    void aReferralWithRecordsAboutItsSubject() {
        http = new Http(port);
        aCase = ReleaseCase.create(http, port, jdbc);
        releases = aCase.releases();
        policeRecord = aCase.policeRecord();
        otherChildsRecord = aCase.otherChildsRecord();
    }

    private static String practitioner() {
        return token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
    }

    private JsonNode released(String token, String body) {
        return released(releases, token, body);
    }

    private JsonNode released(String path, String token, String body) {
        var response = http.send("POST", path, token, "application/json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> recordIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("disclosures")
                .forEach(disclosure -> ids.add(disclosure.get("recordId").asString()));
        return ids;
    }

    /** Each disclosure of the answer as "record id / audit event id", as its receipt names it. */
    private static List<String> receipted(JsonNode answer) {
        List<String> decided = new ArrayList<>();
        answer.get("disclosures")
                .forEach(disclosure -> decided.add(disclosure.get("recordId").asString() + " / "
                        + disclosure.at("/receipt/eventId").asString()));
        return decided;
    }

    private long auditHead() {
        return jdbc.sql("SELECT coalesce(max(sequence), 0) FROM audit.audit_event")
                .query(Long.class)
                .single();
    }

    /** The release decisions chained for {@code path}'s referral after {@code sequence}, as "record id / event id". */
    private List<String> auditedDecisionsSince(String path, long sequence) {
        return jdbc.sql("""
                        SELECT details->>'recordId' || ' / ' || id::text FROM audit.audit_event
                        WHERE type IN ('RecordReleased', 'ReleaseDenied') AND details->>'referralId' = ?
                          AND sequence > ? ORDER BY sequence""")
                .params(path.split("/")[3], sequence)
                .query(String.class)
                .list();
    }

    private static String incidentsUpTo(int limit) {
        return "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"POLICE_INCIDENTS\"], \"limit\": " + limit
                + "}";
    }

    @Test
    void releasesAtMostTheLimitOldestFirstAndSaysWhenMoreMatched() {
        // the case's incident was recorded on 1 October; three older ones arrive out of date order
        String twentiethSeptember = aCase.policeIncidentAboutTheChild(http, "2026-09-20T10:00:00Z");
        String firstAugust = aCase.policeIncidentAboutTheChild(http, "2026-08-01T10:00:00Z");
        String firstSeptember = aCase.policeIncidentAboutTheChild(http, "2026-09-01T10:00:00Z");

        long before = auditHead();
        JsonNode narrow = released(practitioner(), incidentsUpTo(2));

        assertThat(narrow.get("complete").asBoolean())
                .as("more records matched")
                .isFalse();
        assertThat(recordIds(narrow)).containsExactly(firstAugust, firstSeptember);
        assertThat(narrow.get("permitted").asInt()).isEqualTo(2);
        assertThat(auditedDecisionsSince(releases, before))
                .as("one audit event for each record decided, none for the records left out")
                .containsExactlyInAnyOrderElementsOf(receipted(narrow));

        before = auditHead();
        JsonNode whole = released(practitioner(), incidentsUpTo(4));

        assertThat(whole.get("complete").asBoolean())
                .as("the limit covers every record")
                .isTrue();
        assertThat(recordIds(whole)).containsExactly(firstAugust, firstSeptember, twentiethSeptember, policeRecord);
        assertThat(auditedDecisionsSince(releases, before)).containsExactlyInAnyOrderElementsOf(receipted(whole));
    }

    @Test
    void refusesALimitOfNoneOrAboveTenThousandNamingItAndDecidesNothing() {
        long before = auditHead();
        for (int limit : new int[] {0, 10_001}) {
            var response = http.send("POST", releases, practitioner(), "application/json", incidentsUpTo(limit));

            List<String> fields = new ArrayList<>();
            assertProblem(response, 400, "invalid-request")
                    .get("errors")
                    .forEach(error -> fields.add(error.get("field").asString()));
            assertThat(fields).as("limit " + limit).containsExactly("limit");
        }
        assertThat(auditedDecisionsSince(releases, before)).isEmpty();

        JsonNode most = released(practitioner(), incidentsUpTo(10_000));
        assertThat(most.get("complete").asBoolean()).isTrue();
        assertThat(recordIds(most)).containsExactly(policeRecord);
    }

    /** The child's mother, as an agency knows her; {@code more}: further members of the document. */
    private static String mother(String localId, String nhs, String more) {
        return """
                {"localId": "%s", "givenName": "Joanne", "familyName": "Hart", "dateOfBirth": "1989-11-23",
                 "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "%s"%s}""".formatted(localId, nhs, more);
    }

    @Test
    void releasesRecordsAboutTheReferralsRelatedPersonsAndNeverMentionsAnyoneOutsideTheCase() {
        String mothersNhs = ReleaseCase.nhsNumber();
        ReleaseCase withMother = ReleaseCase.create(
                http,
                port,
                jdbc,
                "[" + mother("M-" + UUID.randomUUID(), mothersNhs, ", \"relationship\": \"mother\"") + "]");
        String mothersRecord = ReleaseCase.contributed(
                http,
                POLICE,
                mother("P-" + UUID.randomUUID(), mothersNhs, ""),
                "POLICE_INCIDENTS",
                "{\"incidentDate\": \"2026-09-28\", \"incidentType\": \"DOMESTIC\", \"summary\": \"Victim of assault\"}",
                "2026-09-28T22:00:00Z");
        // the mother's partner, whom the referral does not name
        String partnersRecord = ReleaseCase.contributed(
                http,
                POLICE,
                """
                {"localId": "P-%s", "givenName": "Dean", "familyName": "Price", "dateOfBirth": "1985-02-14",
                 "sex": "MALE", "postcode": "NS2 9XY", "nhsNumber": "%s"}""".formatted(UUID.randomUUID(), ReleaseCase.nhsNumber()),
                "POLICE_INCIDENTS",
                "{\"incidentDate\": \"2026-09-28\", \"incidentType\": \"DOMESTIC\", \"summary\": \"Arrested\"}",
                "2026-09-28T23:00:00Z");

        JsonNode aboutTheMother = withMother.released(http, practitioner(), mothersRecord);

        assertThat(aboutTheMother.get("decision").asString()).isEqualTo("PERMIT");
        assertThat(aboutTheMother.get("fields").get("summary").asString()).isEqualTo("Victim of assault");
        JsonNode receipt = aboutTheMother.get("receipt");
        assertThat(ReleaseCase.chainedEventOf(jdbc, receipt, mothersRecord))
                .isEqualTo("RecordReleased " + receipt.get("hash").asString());

        JsonNode aboutThePartner = withMother.released(http, practitioner(), partnersRecord);

        assertThat(aboutThePartner.get("decision").asString()).isEqualTo("DENY");
        assertThat(aboutThePartner.get("reasons").findValuesAsString("code"))
                .containsExactly("NOT_ABOUT_REFERRAL_SUBJECT");
        assertThat(aboutThePartner.has("fields")).isFalse();

        long before = auditHead();
        JsonNode everything =
                released(withMother.releases(), practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\"}");

        assertThat(recordIds(everything))
                .as("the child's and the mother's records, nobody else's")
                .containsExactly(mothersRecord, withMother.policeRecord());
        assertThat(everything.get("permitted").asInt()).isEqualTo(2);
        assertThat(everything.get("complete").asBoolean()).isTrue();
        assertThat(everything.toString()).doesNotContain(partnersRecord, "Arrested");
        assertThat(auditedDecisionsSince(withMother.releases(), before))
                .containsExactlyInAnyOrderElementsOf(receipted(everything));
    }

    @Test
    void releasesOnlyThePermittedFieldsWithAReceiptOfTheCommittedAuditEvent() {
        JsonNode answer = released(
                practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"POLICE_INCIDENTS\"]}");

        assertThat(answer.get("permitted").asInt()).isEqualTo(1);
        JsonNode disclosure = answer.get("disclosures").get(0);
        assertThat(disclosure.get("recordId").asString()).isEqualTo(policeRecord);
        assertThat(disclosure.get("decision").asString()).isEqualTo("PERMIT");
        // other tests' agreements may cover the same flow with fewer fields; none permits officerNotes
        assertThat(disclosure.get("fields").propertyNames())
                .contains("incidentDate", "incidentType", "summary")
                .isSubsetOf("incidentDate", "incidentType", "summary", "childPresent")
                .doesNotContain("officerNotes");
        assertThat(disclosure.get("explanation").asString()).contains("SAFEGUARDING_CHILDREN");
        JsonNode receipt = disclosure.get("receipt");
        var logged = jdbc.sql("""
                        SELECT type, encode(hash, 'hex') AS hash, details::text AS details FROM audit.audit_event
                        WHERE id = CAST(? AS uuid) AND sequence = ?""")
                .params(
                        receipt.get("eventId").asString(),
                        receipt.get("sequence").asLong())
                .query((rs, n) -> rs.getString("type") + "|" + rs.getString("hash") + "|" + rs.getString("details"))
                .single();
        assertThat(logged).startsWith("RecordReleased|" + receipt.get("hash").asString() + "|");
        assertThat(logged)
                .contains("\"fieldNames\"", "incidentType", "SAFEGUARDING_CHILDREN", POLICE, CHILDRENS)
                .doesNotContain("Neighbour called", "DOMESTIC", "officerNotes");
    }

    @Test
    void releasesOneRecordAskedForById() {
        JsonNode answer = released(
                practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + policeRecord + "\"}");

        assertThat(answer.get("disclosures")).hasSize(1);
        assertThat(answer.get("disclosures").get(0).get("decision").asString()).isEqualTo("PERMIT");
    }

    @Test
    void answersARecordOutsideTheCaseExactlyLikeOneThatDoesNotExist() {
        JsonNode outside = released(
                        practitioner(),
                        "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + otherChildsRecord + "\"}")
                .get("disclosures")
                .get(0);
        JsonNode missing = released(
                        practitioner(),
                        "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + UUID.randomUUID() + "\"}")
                .get("disclosures")
                .get(0);

        for (JsonNode denial : new JsonNode[] {outside, missing}) {
            assertThat(denial.get("decision").asString()).isEqualTo("DENY");
            assertThat(denial.get("reasons").findValuesAsString("code")).containsExactly("NOT_ABOUT_REFERRAL_SUBJECT");
            assertThat(denial.has("fields")).isFalse();
            assertThat(denial.get("receipt").get("sequence").asLong()).isPositive();
        }
        assertThat(outside.get("explanation")).isEqualTo(missing.get("explanation"));
        assertThat(outside.propertyNames()).containsExactlyElementsOf(missing.propertyNames());
    }

    @Test
    void theReferringAgencyLearnsNothingOfARecordItMayNotHaveButEveryDecisionIsAudited() {
        String healthRecord = aCase.healthSummaryAboutTheChild(
                http,
                "{\"registeredGpPractice\": \"Northshire Road\", \"missedAppointments\": 4}",
                "2026-10-02T10:00:00Z");
        // the police referred the child; the agreement lets health summaries go to children's social care only
        String theReferrer = token(POLICE, HubScope.CONTRIBUTE, HubScope.RELEASE);
        long before = auditHead();

        JsonNode byCategory =
                released(theReferrer, "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"HEALTH_SUMMARY\"]}");
        JsonNode byId = released(
                        theReferrer, "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + healthRecord + "\"}")
                .get("disclosures")
                .get(0);
        JsonNode missing = released(
                        theReferrer,
                        "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + UUID.randomUUID() + "\"}")
                .get("disclosures")
                .get(0);

        assertThat(byCategory.get("disclosures"))
                .as("not even a denial shows health holds something")
                .isEmpty();
        assertThat(byCategory.get("denied").asInt()).isZero();
        String anotherHealthRecord =
                aCase.healthSummaryAboutTheChild(http, "{\"missedAppointments\": 1}", "2026-10-03T10:00:00Z");
        assertThat(released(
                                theReferrer,
                                "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"providers\": [\"" + HEALTH
                                        + "\"], \"limit\": 1}")
                        .get("complete")
                        .asBoolean())
                .as("a limit of its choosing would let it count what health holds: it is answered in full")
                .isTrue();
        assertThat(byId.get("reasons").findValuesAsString("code")).containsExactly("NOT_ABOUT_REFERRAL_SUBJECT");
        assertThat(byId.get("explanation")).isEqualTo(missing.get("explanation"));
        assertThat(byId.propertyNames()).containsExactlyElementsOf(missing.propertyNames());
        assertThat(jdbc.sql("""
                        SELECT type || ' ' || (details->>'recordId') FROM audit.audit_event
                         WHERE sequence > ? AND type IN ('RecordReleased', 'ReleaseDenied') ORDER BY sequence""").param(before).query(String.class).list())
                .as("both askings of the health record decided and audited as they were, with their real reasons")
                .startsWith("ReleaseDenied " + healthRecord, "ReleaseDenied " + healthRecord);

        JsonNode asTheMashSeesIt = released(
                practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"HEALTH_SUMMARY\"]}");
        assertThat(recordIds(asTheMashSeesIt)).containsExactly(healthRecord, anotherHealthRecord);
    }

    @Test
    void deniesAPurposeTheAgreementDoesNotHaveWithItsReasonCodesAndAuditsTheDenial() {
        JsonNode answer =
                released(practitioner(), "{\"purpose\": \"MARKETING\", \"categories\": [\"POLICE_INCIDENTS\"]}");

        JsonNode denial = answer.get("disclosures").get(0);
        assertThat(denial.get("decision").asString()).isEqualTo("DENY");
        assertThat(denial.get("reasons").findValuesAsString("code")).contains("PURPOSE_NOT_IN_AGREEMENT");
        assertThat(denial.has("fields")).isFalse();
        assertThat(jdbc.sql("SELECT type FROM audit.audit_event WHERE id = CAST(? AS uuid)")
                        .param(denial.get("receipt").get("eventId").asString())
                        .query(String.class)
                        .single())
                .isEqualTo("ReleaseDenied");
    }

    @Test
    void answers503AndReleasesNothingWhenTheAuditCannotBeWritten() {
        long auditedBefore = auditedReleasesOf(policeRecord);
        var owner = DatabaseOwner.jdbc();
        owner.sql("""
                        CREATE OR REPLACE FUNCTION public.audit_refuses_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'simulated audit failure'; END $$""").update();
        owner.sql("""
                        CREATE TRIGGER audit_refuses_for_test BEFORE INSERT ON audit.audit_event
                        FOR EACH STATEMENT EXECUTE FUNCTION public.audit_refuses_for_test()""").update();
        try {
            var response = http.send(
                    "POST",
                    releases,
                    practitioner(),
                    "application/json",
                    "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"POLICE_INCIDENTS\"]}");

            assertProblem(response, 503, "audit-unavailable");
            assertThat(response.body()).doesNotContain("Neighbour called", "DOMESTIC", policeRecord, "simulated");
        } finally {
            owner.sql("DROP TRIGGER audit_refuses_for_test ON audit.audit_event")
                    .update();
        }
        assertThat(auditedReleasesOf(policeRecord))
                .as("nothing audited, nothing released")
                .isEqualTo(auditedBefore);
        assertThat(released(
                                practitioner(),
                                "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + policeRecord + "\"}")
                        .get("permitted")
                        .asInt())
                .as("released again once the audit log works")
                .isOne();
    }

    private long auditedReleasesOf(String record) {
        return jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE details->>'recordId' = ?")
                .param(record)
                .query(Long.class)
                .single();
    }

    @Test
    void refusesACallerWithoutAToken() {
        assertProblem(
                http.send("POST", releases, null, "application/json", "{\"purpose\": \"SAFEGUARDING_CHILDREN\"}"),
                401,
                "unauthenticated");
    }

    @Test
    void refusesACallerWithoutTheReleaseScope() {
        assertProblem(
                http.send(
                        "POST",
                        releases,
                        token(CHILDRENS, HubScope.TRIAGE, HubScope.CONTRIBUTE),
                        "application/json",
                        "{\"purpose\": \"SAFEGUARDING_CHILDREN\"}"),
                403,
                "forbidden");
    }

    @Test
    void tellsAnAgencyWithNoPartInTheReferralThatItIsNotThereAndAuditsTheAsking() {
        String referralId = releases.split("/")[3];
        for (String agency : new String[] {EDUCATION, HEALTH}) {
            assertProblem(
                    http.send(
                            "POST",
                            releases,
                            token(agency, HubScope.RELEASE),
                            "application/json",
                            "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"POLICE_INCIDENTS\"],"
                                    + " \"providers\": [\"northshire-police\"]}"),
                    404,
                    "not-found");

            // the attempts that most need recording: who asked, for what, under which referral
            String details = jdbc.sql(
                            "SELECT details::text FROM audit.audit_event WHERE type = 'ReleaseRefused' AND actor_agency = ?"
                                    + " AND details->>'referralId' = ? ORDER BY sequence DESC LIMIT 1")
                    .params(agency, referralId)
                    .query(String.class)
                    .optional()
                    .orElseThrow(() -> new AssertionError("the refused asking of " + agency + " is not audited"));
            assertThat(details)
                    .contains(
                            "\"reasonCodes\":[\"REFERRAL_NOT_VISIBLE\"]",
                            "\"purpose\":\"SAFEGUARDING_CHILDREN\"",
                            "\"categories\":[\"POLICE_INCIDENTS\"]",
                            "\"providers\":[\"northshire-police\"]",
                            "\"recipient\":\"" + agency + "\"");
        }
    }

    @Test
    void theReferringAgencysLimitCountsWhatIsReleasedToItAndNothingBeyondItIsAudited() {
        // children's services' case system refers the same child: the police incidents flow to it
        String theReferrer = token(CHILDRENS, HubScope.CONTRIBUTE, HubScope.RELEASE);
        String document = "{\"subject\": " + ReleaseCase.person("CSC-" + UUID.randomUUID(), aCase.childsNhsNumber())
                + ", \"related\": [], \"concerns\": [\"NEGLECT\"], \"narrative\": \"Seen at night.\","
                + " \"consent\": {\"sought\": false, \"reasonNotSought\": \"Risk\"}, \"urgency\": \"URGENT\","
                + " \"referrer\": {\"name\": \"S. Worker\", \"role\": \"Social worker\", \"email\": \"sw@csc.example\"}}";
        var referral = http.send(http.request("/api/referrals", theReferrer)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(document))
                .build());
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(201);
        String itsReleases = referral.headers().firstValue("Location").orElseThrow() + "/releases";
        String older = aCase.policeIncidentAboutTheChild(http, "2026-09-01T10:00:00Z");
        long before = auditHead();

        JsonNode one = released(itsReleases, theReferrer, incidentsUpTo(1));

        assertThat(recordIds(one)).containsExactly(older);
        assertThat(one.get("complete").asBoolean())
                .as("another would have been released")
                .isFalse();
        assertThat(auditedDecisionsSince(itsReleases, before))
                .as("the permit beyond the limit was not released, so not audited")
                .containsExactlyElementsOf(receipted(one));

        JsonNode both = released(itsReleases, theReferrer, incidentsUpTo(2));
        assertThat(recordIds(both)).containsExactly(older, policeRecord);
        assertThat(both.get("complete").asBoolean()).isTrue();
    }

    @Test
    void auditsAnAskThatFindsNoRecordThoughNothingIsDecided() {
        long before = auditHead();

        JsonNode answer = released(
                practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"EDUCATION_ATTENDANCE\"]}");

        assertThat(answer.get("disclosures")).isEmpty();
        assertThat(answer.get("complete").asBoolean()).isTrue();
        assertThat(jdbc.sql(
                                "SELECT type || ' ' || details::text FROM audit.audit_event WHERE sequence > ? ORDER BY sequence")
                        .param(before)
                        .query(String.class)
                        .list())
                .as("who asked for what about whom, though nothing was held")
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("ReleaseRefused ")
                .contains(
                        "\"reasonCodes\":[\"NO_RECORD_FOUND\"]",
                        "\"categories\":[\"EDUCATION_ATTENDANCE\"]",
                        "\"referralId\":\"" + releases.split("/")[3] + "\"",
                        "\"recipient\":\"" + CHILDRENS + "\"");
    }

    @Test
    void releasesNothingToAnAgencyThatIsNotAnActivePartnerAndAuditsTheAsking() {
        // one that left the partnership (its agreements may still name it), and one never registered
        jdbc.sql(
                        "INSERT INTO consent.agency (id, name, type, status) VALUES (?, 'Former partner', 'POLICE', 'INACTIVE')"
                                + " ON CONFLICT (id) DO NOTHING")
                .param("northshire-former-partner")
                .update();
        String referralId = releases.split("/")[3];
        for (String agency : new String[] {"northshire-former-partner", "northshire-fire"}) {
            var response = http.send(
                    "POST",
                    releases,
                    token(agency, HubScope.TRIAGE, HubScope.RELEASE),
                    "application/json",
                    "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + policeRecord + "\"}");

            assertProblem(response, 403, "agency-not-a-partner");
            assertThat(response.body()).doesNotContain("Neighbour called", "DOMESTIC");
            assertThat(jdbc.sql(
                                    "SELECT details->>'reasonCodes' FROM audit.audit_event WHERE type = 'ReleaseRefused'"
                                            + " AND actor_agency = ? AND details->>'referralId' = ? ORDER BY sequence DESC LIMIT 1")
                            .params(agency, referralId)
                            .query(String.class)
                            .optional())
                    .as("the asking of " + agency + " is audited")
                    .contains("[\"AGENCY_NOT_A_PARTNER\"]");
        }
    }

    @Test
    void refusesAskingForOneRecordAndForCategoriesAtOnce() {
        var response = http.send(
                "POST",
                releases,
                practitioner(),
                "application/json",
                "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + policeRecord
                        + "\", \"categories\": [\"POLICE_INCIDENTS\"]}");

        assertProblem(response, 400, "invalid-value");
    }

    @Test
    void refusesAnUnknownCategoryNamingTheField() {
        var response = http.send(
                "POST",
                releases,
                practitioner(),
                "application/json",
                "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"EVERYTHING\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("categories").doesNotContain("EVERYTHING");
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = AuditChain.class.getResourceAsStream("/audit/disclosure-event-v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    @Test
    void everyRecordOnTheDisclosureStreamMatchesThePublishedSchema() throws Exception {
        releasesOnlyThePermittedFieldsWithAReceiptOfTheCommittedAuditEvent();
        deniesAPurposeTheAgreementDoesNotHaveWithItsReasonCodesAndAuditsTheDenial();
        assertThat(http.send(
                                "POST",
                                releases.replace("/releases", "/rating"),
                                token(CHILDRENS, HubScope.TRIAGE),
                                "application/json",
                                "{\"rag\": \"RED\", \"rationale\": \"Police incident with the child present.\"}")
                        .statusCode())
                .isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (chain.status().relayLag() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long head = chain.status().headSequence();

        JsonSchema schema = schema();
        Set<Long> sequences = new HashSet<>();
        Set<String> types = new HashSet<>();
        List<String> violations = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : stream(head)) {
            com.fasterxml.jackson.databind.JsonNode envelope = STREAM_JSON.readTree(record.value());
            for (ValidationMessage violation : schema.validate(envelope)) {
                violations.add(envelope.at("/event/type").asText() + ": " + violation.getMessage());
            }
            sequences.add(envelope.get("sequence").asLong());
            types.add(envelope.at("/event/type").asText());
        }

        assertThat(violations).isEmpty();
        assertThat(sequences).hasSize((int) head);
        assertThat(types)
                .contains(
                        "AgreementDrafted",
                        "AgreementSigned",
                        "AgreementActivated",
                        "ReferralReceived",
                        "ReferralTriaged",
                        "PersonLinked",
                        "RecordContributed",
                        "RecordReleased",
                        "ReleaseDenied");
    }

    private static List<ConsumerRecord<String, byte[]>> stream(long head) {
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.servers().kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition("mash-hub.disclosures", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < head && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    try {
                        seen.add(STREAM_JSON
                                .readTree(record.value())
                                .get("sequence")
                                .asLong());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return records;
    }
}
