package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mashhub.local.DemoData;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

/**
 * Releasing records for a referral over HTTP, under the worked-example Northshire agreement: the
 * police share incidents with children's social care for SAFEGUARDING_CHILDREN without consent.
 */
@HubIntegrationTest
class ReleaseApiIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;
    private String releases;
    private String policeRecord;
    private String otherChildsRecord;

    ReleaseApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A random NHS number that passes the modulus 11 check. */
    static String nhsNumber() {
        while (true) {
            int[] digits = new int[9];
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                digits[i] = ThreadLocalRandom.current().nextInt(10);
                sum += digits[i] * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            StringBuilder number = new StringBuilder();
            for (int digit : digits) {
                number.append(digit);
            }
            return number.append(check == 11 ? 0 : check).toString();
        }
    }

    private static String person(String localId, String nhs) {
        return """
                {"localId": "%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                 "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "%s"}""".formatted(localId, nhs);
    }

    private String contributed(String agency, String subject, String category, String fields) {
        var response =
                http.send("POST", "/api/records", token(agency, HubScope.CONTRIBUTE), "application/json", """
                {"subject": %s, "category": "%s", "fields": %s, "specialCategoryFields": [],
                 "sourceReference": "REF-1", "recordedAt": "2026-10-01T10:00:00Z"}""".formatted(
                                subject, category, fields));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asString();
    }

    @BeforeEach
    void aReferralWithRecordsAboutItsSubject() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
        new DemoData("http://localhost:" + port, IdentityProviderInitializer.identityProvider()).load();
        String nhs = nhsNumber();
        String local = "CH-" + UUID.randomUUID();
        var referral = http.send(http.request("/api/referrals", token(POLICE, HubScope.CONTRIBUTE))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"subject": %s, "related": [], "concerns": ["NEGLECT"],
                         "narrative": "Found alone at home at night.",
                         "consent": {"sought": false, "reasonNotSought": "Would increase risk"},
                         "urgency": "URGENT", "referrer": {"name": "PC Lee", "role": "Officer", "email": "lee@police.example"}}""".formatted(person(local, nhs))))
                .build());
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(201);
        releases = referral.headers().firstValue("Location").orElseThrow() + "/releases";
        policeRecord = contributed(POLICE, person("P-" + UUID.randomUUID(), nhs), "POLICE_INCIDENTS", """
                {"incidentDate": "2026-09-30", "incidentType": "DOMESTIC", "summary": "Neighbour called at 23:40",
                 "childPresent": true, "officerNotes": "Mother's partner known to police"}""");
        otherChildsRecord = contributed(
                POLICE,
                person("P-" + UUID.randomUUID(), nhsNumber()).replace("Amelia", "Zoe"),
                "POLICE_INCIDENTS",
                "{\"incidentDate\": \"2026-09-01\", \"incidentType\": \"THEFT\"}");
    }

    private static String practitioner() {
        return token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
    }

    private JsonNode released(String token, String body) {
        var response = http.send("POST", releases, token, "application/json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    void releasesOnlyThePermittedFieldsWithAReceiptOfTheCommittedAuditEvent() {
        JsonNode answer = released(
                practitioner(), "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"categories\": [\"POLICE_INCIDENTS\"]}");

        assertThat(answer.get("permitted").asInt()).isEqualTo(1);
        JsonNode disclosure = answer.get("disclosures").get(0);
        assertThat(disclosure.get("recordId").asString()).isEqualTo(policeRecord);
        assertThat(disclosure.get("decision").asString()).isEqualTo("PERMIT");
        assertThat(disclosure.get("fields").propertyNames())
                .containsExactlyInAnyOrder("incidentDate", "incidentType", "summary", "childPresent");
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
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION public.audit_refuses_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'simulated audit failure'; END $$""").update();
        jdbc.sql("""
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
            jdbc.sql("DROP TRIGGER audit_refuses_for_test ON audit.audit_event").update();
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
    void tellsAnAgencyWithNoPartInTheReferralThatItIsNotThere() {
        for (String agency : new String[] {EDUCATION, HEALTH}) {
            assertProblem(
                    http.send(
                            "POST",
                            releases,
                            token(agency, HubScope.RELEASE),
                            "application/json",
                            "{\"purpose\": \"SAFEGUARDING_CHILDREN\"}"),
                    404,
                    "not-found");
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
}
