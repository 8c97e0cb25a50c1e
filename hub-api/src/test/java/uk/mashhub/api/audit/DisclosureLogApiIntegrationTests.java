package uk.mashhub.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.ChainVerifier;
import uk.mashhub.audit.DisclosureRecord;
import uk.mashhub.audit.reader.StreamReader;
import uk.mashhub.kernel.HubScope;

/**
 * The auditor's view over HTTP: the read model the hub builds from its own disclosure stream,
 * searched, reported per person, withheld from and exported — each question itself audited — with
 * real tokens against real PostgreSQL and Kafka.
 */
@HubIntegrationTest
class DisclosureLogApiIntegrationTests {

    private static final String SEARCH = "/api/audit/disclosures";

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final StreamReader reader;
    private final AuditChain chain;
    private Http http;
    private String personId;
    private long releasedSequence;
    private String releasedHash;
    private long deniedSequence;

    DisclosureLogApiIntegrationTests(
            @Autowired JdbcClient jdbc, @Autowired StreamReader reader, @Autowired AuditChain chain) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.chain = chain;
    }

    /** Children's services are given a police record about the referred child and refused another child's. */
    @BeforeEach
    void aReleaseAndADenial() throws InterruptedException {
        http = new Http(port);
        ReleaseCase aCase = ReleaseCase.create(http, port, jdbc);
        String practitioner = token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
        JsonNode released = aCase.released(http, practitioner, aCase.policeRecord());
        assertThat(released.get("decision").asString()).isEqualTo("PERMIT");
        releasedSequence = released.get("receipt").get("sequence").asLong();
        releasedHash = released.get("receipt").get("hash").asString();
        JsonNode denied = aCase.released(http, practitioner, aCase.otherChildsRecord());
        assertThat(denied.get("decision").asString()).isEqualTo("DENY");
        deniedSequence = denied.get("receipt").get("sequence").asLong();
        personId = jdbc.sql("""
                        SELECT i.person_id::text FROM ingest.agency_record r
                        JOIN ingest.person_identity i ON i.id = r.subject_identity WHERE r.id = CAST(? AS uuid)""").param(aCase.policeRecord()).query(String.class).single();
        awaitReadModel(deniedSequence);
    }

    private void awaitReadModel(long sequence) throws InterruptedException {
        ReadModels.awaitPosition(reader, sequence);
    }

    private static String auditor(String agency) {
        return token(agency, HubScope.AUDIT);
    }

    private JsonNode search(String token, String query) {
        var response = http.get(SEARCH + "?" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.get("entries").forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        return sequences;
    }

    @Test
    void findsTheDisclosuresAboutAPersonWithWhoWhyUnderWhichAgreementAndTheReceipt() {
        var response = http.get(SEARCH + "?personId=" + personId, auditor(CHILDRENS));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = Http.json(response);

        assertThat(sequences(page)).contains(releasedSequence).doesNotContain(deniedSequence);
        JsonNode entry = page.get("entries").get(0);
        assertThat(entry.get("sequence").asLong()).isEqualTo(releasedSequence);
        assertThat(entry.get("type").asString()).isEqualTo("RecordReleased");
        assertThat(entry.get("hash").asString()).isEqualTo(releasedHash);
        assertThat(entry.get("provider").asString()).isEqualTo(POLICE);
        assertThat(entry.get("recipient").asString()).isEqualTo(CHILDRENS);
        assertThat(entry.get("purpose").asString()).isEqualTo("SAFEGUARDING_CHILDREN");
        assertThat(entry.get("decision").asString()).isEqualTo("PERMIT");
        assertThat(entry.get("agreementId").asString()).isNotBlank();
        assertThat(entry.get("actor").asString()).isEqualTo("tester@" + CHILDRENS);
        assertThat(entry.get("details").get("fieldNames").toString()).contains("incidentDate");
        assertThat(entry.get("details").get("subjectPersonId").asString()).startsWith("psn:");
        assertThat(response.body())
                .as("field names, never the values released")
                .doesNotContain("Neighbour called")
                .doesNotContain(personId);
        assertThat(page.get("readModelPosition").asLong()).isGreaterThanOrEqualTo(deniedSequence);
    }

    @Test
    void everySearchIsItselfAnAuditEventWithThePersonPseudonymised() {
        long before = chain.status().headSequence();
        search(auditor(CHILDRENS), "personId=" + personId + "&decision=PERMIT");

        String details = jdbc.sql("""
                        SELECT details::text FROM audit.audit_event
                        WHERE type = 'AuditLogSearched' AND actor = ? AND sequence > ?""")
                .params("tester@" + CHILDRENS, before)
                .query(String.class)
                .single();
        assertThat(details).contains("\"decision\":\"PERMIT\"").contains("psn:").doesNotContain(personId);
    }

    @Test
    void filtersByDecisionAgencyAndTypeAndPagesWithAKeysetCursor() {
        JsonNode denials = search(auditor(CHILDRENS), "decision=DENY&receivingAgency=" + CHILDRENS);
        assertThat(sequences(denials)).contains(deniedSequence).doesNotContain(releasedSequence);
        denials.get("entries")
                .forEach(entry -> assertThat(entry.get("decision").asString()).isEqualTo("DENY"));

        JsonNode first = search(auditor(CHILDRENS), "providingAgency=" + POLICE + "&limit=1");
        assertThat(first.get("entries")).hasSize(1);
        long cursor = first.get("next").asLong();
        JsonNode second = search(auditor(CHILDRENS), "providingAgency=" + POLICE + "&limit=1&before=" + cursor);
        assertThat(sequences(second)).hasSize(1).allMatch(sequence -> sequence < cursor);

        JsonNode byType = search(auditor(CHILDRENS), "type=ReleaseDenied&personId=" + personId);
        assertThat(byType.get("entries")).isEmpty(); // the denial was about another child
    }

    @Test
    void anAgencyAuditorSeesOnlyTheEventsTheirAgencyTookPartIn() {
        assertThat(sequences(search(auditor(POLICE), "personId=" + personId)))
                .as("the police provided the record")
                .contains(releasedSequence);
        assertThat(sequences(search(auditor(HEALTH), "personId=" + personId)))
                .as("health took no part")
                .isEmpty();
        var export = http.get("/api/audit/exports?format=ndjson&allTypes=true", auditor(HEALTH));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body())
                .as("an export holds only what its auditor's agency took part in")
                .doesNotContain(releasedHash)
                .doesNotContain("\"provider\":\"" + POLICE + "\",\"purpose\"");
        JsonNode report = Http.json(http.get("/api/audit/subjects/" + personId + "/report", auditor(EDUCATION)));
        assertThat(report.get("entries")).isEmpty();
        assertThat(report.get("disclosuresByRecipient").isEmpty()).isTrue();
    }

    @Test
    void theSubjectReportSaysWhoSawTheDataAndAWithholdingIsRecordedNeverSilent() throws InterruptedException {
        String report = "/api/audit/subjects/" + personId + "/report";
        JsonNode full = Http.json(http.get(report, auditor(CHILDRENS)));
        assertThat(sequences(full)).contains(releasedSequence);
        assertThat(full.get("disclosuresByRecipient").get(CHILDRENS).asLong()).isGreaterThanOrEqualTo(1);
        assertThat(full.get("person").asString()).startsWith("psn:");

        String governance = token(CHILDRENS, HubScope.AUDIT, HubScope.REVIEW);
        var withheld = http.send(
                "POST",
                "/api/audit/subjects/" + personId + "/withholdings",
                governance,
                "application/json",
                "{\"sequence\": " + releasedSequence
                        + ", \"exemption\": \"CRIME_AND_TAXATION\", \"reference\": \"DPO-2026/17\"}");
        assertThat(withheld.statusCode()).as(withheld.body()).isEqualTo(202);
        awaitReadModel(Http.json(withheld).get("sequence").asLong());

        JsonNode forSubject = Http.json(http.get(report + "?forSubjectAccess=true", auditor(CHILDRENS)));
        assertThat(sequences(forSubject)).doesNotContain(releasedSequence);
        assertThat(forSubject.get("withheldEntries").asLong()).isOne();
        JsonNode forAuditor = Http.json(http.get(report, auditor(CHILDRENS)));
        JsonNode entry = entry(forAuditor, releasedSequence);
        assertThat(entry.get("withheld").get("exemption").asString()).isEqualTo("CRIME_AND_TAXATION");
        assertThat(entry.get("withheld").get("reference").asString()).isEqualTo("DPO-2026/17");
        assertThat(entry.get("withheld").get("withheldBy").asString()).isEqualTo("tester@" + CHILDRENS);

        var ended = http.send(
                "DELETE",
                "/api/audit/subjects/" + personId + "/withholdings/" + releasedSequence,
                governance,
                "application/json",
                "");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(202);
        awaitReadModel(Http.json(ended).get("sequence").asLong());
        assertThat(sequences(Http.json(http.get(report + "?forSubjectAccess=true", auditor(CHILDRENS)))))
                .contains(releasedSequence);
    }

    private static JsonNode entry(JsonNode page, long sequence) {
        for (JsonNode entry : page.get("entries")) {
            if (entry.get("sequence").asLong() == sequence) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + sequence + " in " + page);
    }

    @Test
    void onlyAReviewerMayWithholdAndOnlyAnEntryAboutThatPerson() {
        String body = "{\"sequence\": " + releasedSequence + ", \"exemption\": \"CRIME_AND_TAXATION\"}";
        String path = "/api/audit/subjects/" + personId + "/withholdings";
        assertProblem(http.send("POST", path, auditor(CHILDRENS), "application/json", body), 403, "forbidden");
        assertProblem(http.send("POST", path, null, "application/json", body), 401, "unauthenticated");
        String governance = token(CHILDRENS, HubScope.AUDIT, HubScope.REVIEW);
        assertProblem(
                http.send(
                        "POST",
                        "/api/audit/subjects/" + UUID.randomUUID() + "/withholdings",
                        governance,
                        "application/json",
                        body),
                404,
                "not-found");
        assertProblem(
                http.send(
                        "POST",
                        path,
                        governance,
                        "application/json",
                        "{\"sequence\": " + releasedSequence + ", \"exemption\": \"BECAUSE\"}"),
                400,
                "invalid-value");
        assertProblem(
                http.send("POST", path, token(HEALTH, HubScope.AUDIT, HubScope.REVIEW), "application/json", body),
                404,
                "not-found");

        // ending a withholding: the same rules
        String withholding = path + "/" + releasedSequence;
        assertProblem(http.send("DELETE", withholding, auditor(CHILDRENS), "application/json", ""), 403, "forbidden");
        assertProblem(http.send("DELETE", withholding, null, "application/json", ""), 401, "unauthenticated");
        assertProblem(
                http.send(
                        "DELETE", withholding, token(HEALTH, HubScope.AUDIT, HubScope.REVIEW), "application/json", ""),
                404,
                "not-found");
    }

    @Test
    void exportsCsvAndFhirForAFilterAndAnNdjsonOfEverythingThatVerifiesAsTheChain() throws Exception {
        var csv = http.get("/api/audit/exports?format=csv&personId=" + personId, auditor(CHILDRENS));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("sequence,occurredAt,type,eventId");
        assertThat(csv.body())
                .contains(releasedSequence + ",")
                .contains(releasedHash)
                .doesNotContain("Neighbour");

        var fhir = http.get("/api/audit/exports?format=fhir&personId=" + personId, auditor(CHILDRENS));
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode resource = json.readTree(fhir.body().lines().findFirst().orElseThrow());
        assertThat(resource.get("resourceType").asString()).isEqualTo("AuditEvent");
        assertThat(resource.get("type").get("code").asString()).isEqualTo("110106");
        assertThat(resource.get("outcome").asString()).isEqualTo("0");
        assertThat(resource.get("purposeOfEvent").toString()).contains("SAFEGUARDING_CHILDREN");
        assertThat(resource.get("entity").toString()).contains("psn:").contains(releasedHash);
        assertThat(resource.get("agent").toString()).contains(POLICE).contains(CHILDRENS);

        long head = chain.status().headSequence();
        awaitReadModel(head);
        var ndjson = http.get("/api/audit/exports?format=ndjson&allTypes=true", auditor(CHILDRENS));
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        ChainVerifier verifier =
                ChainVerifier.resumingAfter(0, ChainVerifier.GENESIS, List.of(chain.checkpointPublicKey()));
        long verified = 0;
        for (String line : ndjson.body().split("\n")) {
            DisclosureRecord record = DisclosureRecord.parse(line.getBytes(StandardCharsets.UTF_8), json);
            assertThat(verifier.problemWith(record))
                    .as("sequence %d", record.sequence())
                    .isNull();
            verifier.advance(record);
            verified++;
        }
        assertThat(verified)
                .as("every event up to the head, in order, verified")
                .isGreaterThanOrEqualTo(head);

        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event WHERE type = 'AuditLogExported' AND actor = ?
                        AND details->>'format' = 'NDJSON'""").param("tester@" + CHILDRENS).query(Long.class).single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theReadModelReconcilesWithTheSourceLog() {
        long before = chain.status().headSequence();
        var response = http.get("/api/audit/read-model", auditor(HEALTH));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        assertThat(answer.get("reconciled").asBoolean()).as(response.body()).isTrue();
        assertThat(answer.get("reconciliation").get("missing").asLong()).isZero();
        assertThat(answer.get("reconciliation").get("sameChain").asBoolean()).isTrue();
        assertThat(answer.get("readModel").get("position").asLong()).isGreaterThanOrEqualTo(deniedSequence);
        assertThat(answer.get("healthy").asBoolean()).isTrue();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event
                        WHERE type = 'AuditReadModelReconciled' AND actor = ? AND sequence > ?""")
                        .params("tester@" + HEALTH, before)
                        .query(Long.class)
                        .single())
                .as("the reconciliation is itself audited")
                .isOne();
    }

    @Test
    void refusesCallersWithoutATokenOrTheAuditScope() {
        String practitioner = token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE, HubScope.GOVERN, HubScope.REVIEW);
        for (String path : List.of(
                SEARCH + "?personId=" + personId,
                "/api/audit/subjects/" + personId + "/report",
                "/api/audit/exports?format=csv",
                "/api/audit/read-model")) {
            assertProblem(http.get(path, null), 401, "unauthenticated");
            assertProblem(http.get(path, practitioner), 403, "forbidden");
        }
    }

    @Test
    void answersBadCriteriaWithAProblemNamingTheCriterion() {
        String auditor = auditor(CHILDRENS);
        assertThat(assertProblem(http.get(SEARCH + "?decision=MAYBE", auditor), 400, "invalid-value")
                        .get("detail")
                        .asString())
                .contains("decision");
        assertProblem(http.get(SEARCH + "?personId=someone", auditor), 400, "invalid-value");
        assertProblem(http.get(SEARCH + "?from=yesterday", auditor), 400, "invalid-value");
        assertProblem(http.get(SEARCH + "?from=%2B1000000000-01-01T00:00:00Z", auditor), 400, "invalid-value");
        assertProblem(http.get(SEARCH + "?to=%2B300000-01-01T00:00:00Z", auditor), 400, "invalid-value");
        assertProblem(
                http.get(SEARCH + "?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", auditor), 400, "invalid-value");
        assertProblem(http.get(SEARCH + "?limit=0", auditor), 400, "invalid-value");
        assertProblem(http.get(SEARCH + "?limit=100000", auditor), 400, "invalid-value");
        // a cursor is a sequence number: beyond 2^53 the log's encoding cannot hold it, below 1 there is none
        for (String cursor : List.of("9007199254740993", "0", "-5")) {
            assertThat(assertProblem(http.get(SEARCH + "?before=" + cursor, auditor), 400, "invalid-value")
                            .get("detail")
                            .asString())
                    .contains("cursor 'before'");
        }
        assertProblem(
                http.get("/api/audit/subjects/" + personId + "/report?before=9007199254740993", auditor),
                400,
                "invalid-value");
        assertProblem(
                http.get(SEARCH + "?purpose=" + URLEncoder.encode("drop table", StandardCharsets.UTF_8), auditor),
                400,
                "invalid-value");
        assertThat(assertProblem(http.get(SEARCH + "?overridesOnly=maybe", auditor), 400, "invalid-request")
                        .get("errors")
                        .toString())
                .contains("overridesOnly");
        assertProblem(http.get("/api/audit/exports?format=pdf", auditor), 400, "invalid-value");
        assertProblem(http.get("/api/audit/exports", auditor), 400, "invalid-request");
    }
}
