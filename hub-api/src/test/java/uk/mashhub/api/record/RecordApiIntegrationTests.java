package uk.mashhub.api.record;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class RecordApiIntegrationTests {

    static String record(String localId, String incident) {
        return """
                {"subject": {"localId": "%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04", "postcode": "NS1 4AB"},
                 "category": "POLICE_INCIDENTS",
                 "fields": {"incidentDate": "2026-03-01", "incidentType": "%s", "childPresent": true, "officers": 2},
                 "specialCategoryFields": ["incidentType"],
                 "sourceReference": "NSP-2027-000123",
                 "recordedAt": "2026-03-01T23:10:00Z"}""".formatted(localId, incident).replace("\n", " ");
    }

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;

    RecordApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void partnership() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
    }

    private static String police() {
        return token(POLICE, HubScope.CONTRIBUTE, HubScope.RELEASE);
    }

    private long recordsWithSource(String source) {
        return jdbc.sql("SELECT count(*) FROM ingest.agency_record WHERE source_reference = ?")
                .param(source)
                .query(Long.class)
                .single();
    }

    @Test
    void theProviderContributesAndReadsItsRecord() {
        var created = http.send(
                "POST", "/api/records", police(), "application/json", record("PNC-" + UUID.randomUUID(), "domestic"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode read =
                Http.json(http.get(created.headers().firstValue("Location").orElseThrow(), police()));
        assertThat(read.at("/fields/incidentType").asString()).isEqualTo("domestic");
        assertThat(read.at("/fields/childPresent").asBoolean()).isTrue();
        assertThat(read.get("specialCategoryFields").get(0).asString()).isEqualTo("incidentType");
    }

    @Test
    void noOtherAgencyCanReadARecordBehindTheFirewall() {
        var created = http.send(
                "POST", "/api/records", police(), "application/json", record("PNC-" + UUID.randomUUID(), "domestic"));
        String location = created.headers().firstValue("Location").orElseThrow();

        assertProblem(http.get(location, token(HEALTH, HubScope.CONTRIBUTE)), 404, "not-found");
        assertProblem(http.get(location, token(EDUCATION, HubScope.CONTRIBUTE, HubScope.RELEASE)), 404, "not-found");
        assertProblem(http.get(location, token(POLICE, HubScope.TRIAGE, HubScope.AUDIT)), 403, "forbidden");
        assertProblem(http.get(location, null), 401, "unauthenticated");
    }

    @Test
    void aBatchIsKeptWhole() {
        String source = "BATCH-" + UUID.randomUUID();
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            batch.append(record("PNC-" + UUID.randomUUID(), "burglary").replace("NSP-2027-000123", source))
                    .append('\n');
        }

        var response = http.send("POST", "/api/records/bulk", police(), "application/x-ndjson", batch.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(Http.json(response).get("accepted").asInt()).isEqualTo(50);
        assertThat(recordsWithSource(source)).isEqualTo(50);
    }

    @Test
    void aBatchWithWrongLinesIsRefusedWholeNamingEachLine() {
        String source = "BATCH-" + UUID.randomUUID();
        String good = record("PNC-" + UUID.randomUUID(), "burglary").replace("NSP-2027-000123", source);
        String batch = good + "\n"
                + good.replace("\"POLICE_INCIDENTS\"", "\"HOROSCOPE\"") + "\n"
                + "{not json\n"
                + good.replace("\"2016-05-04\"", "\"2099-05-04\"").replace(source, source + "x") + "\n"
                + good.replace("\"fields\": {", "\"fields\": {\"nested\": {\"a\": 1}, ") + "\n"
                + "null\n";

        var response = http.send("POST", "/api/records/bulk", police(), "application/x-ndjson", batch);

        JsonNode problem = assertProblem(response, 422, "batch-refused");
        assertThat(problem.get("lines").size()).isEqualTo(5);
        assertThat(problem.at("/lines/4/errors/0/message").asString()).isEqualTo("must be one record, a JSON object");
        assertThat(problem.at("/lines/0/line").asInt()).isEqualTo(2);
        assertThat(problem.at("/lines/0/errors/0/field").asString()).isEqualTo("category");
        assertThat(problem.at("/lines/0/errors/0/message").asString())
                .startsWith("is not one of the accepted values: ")
                .contains("POLICE_INCIDENTS");
        assertThat(problem.at("/lines/1/errors/0/message").asString())
                .isEqualTo("is not well-formed or has the wrong type");
        assertThat(response.body()).doesNotContain("HOROSCOPE");
        assertThat(recordsWithSource(source)).isZero();
    }

    @Test
    void aRecordWhoseFreeFormFieldHoldsTheNulCharacterIsRefusedNamingTheFieldAndNothingIsKept() {
        String source = "NUL-" + UUID.randomUUID();
        String body = record("PNC-" + UUID.randomUUID(), "domestic\\u0000abuse").replace("NSP-2027-000123", source);

        JsonNode problem = assertProblem(
                http.send("POST", "/api/records", police(), "application/json", body), 400, "invalid-value");

        assertThat(problem.get("detail").asString())
                .isEqualTo("The text of 'fields.incidentType' must not hold the NUL character (U+0000).");
        assertThat(recordsWithSource(source)).isZero();
    }

    @Test
    void aFreeFormFieldsOwnNameIsNeverRepeatedInTheRefusal() {
        String body = record("PNC-" + UUID.randomUUID(), "domestic")
                .replace("\"incidentType\": \"domestic\"", "\"Jane Doe 1999\": \"a\\u0000b\"");

        JsonNode problem = assertProblem(
                http.send("POST", "/api/records", police(), "application/json", body), 400, "invalid-value");

        assertThat(problem.get("detail").asString())
                .isEqualTo("The text of 'fields' must not hold the NUL character (U+0000).");
        assertThat(problem.toString()).doesNotContain("Jane");
    }

    @Test
    void aBatchLineWithTheNulCharacterInANamedFieldIsRefusedNamingTheField() {
        String source = "BATCH-" + UUID.randomUUID();
        String good = record("PNC-" + UUID.randomUUID(), "burglary").replace("NSP-2027-000123", source);
        String batch = good + "\n" + good.replace("\"Amelia\"", "\"Ame\\u0000lia\"") + "\n";

        var response = http.send("POST", "/api/records/bulk", police(), "application/x-ndjson", batch);

        JsonNode problem = assertProblem(response, 422, "batch-refused");
        assertThat(problem.at("/lines/0/line").asInt()).isEqualTo(2);
        assertThat(problem.at("/lines/0/errors/0/field").asString()).isEqualTo("subject.givenName");
        assertThat(problem.at("/lines/0/errors/0/message").asString())
                .isEqualTo("must not hold the NUL character (U+0000)");
        assertThat(recordsWithSource(source)).isZero();
    }

    @Test
    void contributingNeedsTheContributeScopeAndAPartnerAgency() {
        String body = record("PNC-1", "theft");

        assertProblem(http.send("POST", "/api/records", null, "application/json", body), 401, "unauthenticated");
        assertProblem(
                http.send("POST", "/api/records", token(POLICE, HubScope.TRIAGE), "application/json", body),
                403,
                "forbidden");
        assertProblem(
                http.send("POST", "/api/records/bulk", token(POLICE, HubScope.TRIAGE), "application/x-ndjson", body),
                403,
                "forbidden");
        assertProblem(
                http.send(
                        "POST",
                        "/api/records",
                        token("northshire-fire", HubScope.CONTRIBUTE),
                        "application/json",
                        body),
                403,
                "agency-not-a-partner");
    }

    @Test
    void aRecordDatedInTheFutureIsRefusedButAProvidersClockAMinuteOrTwoAheadIsNot() {
        // a record dated 2099 would count towards the cross-agency signal for ever
        String future = record("PNC-" + UUID.randomUUID(), "theft")
                .replace(
                        "2026-03-01T23:10:00Z",
                        Instant.now().plus(Duration.ofDays(3)).toString());
        assertThat(assertProblem(
                                http.send("POST", "/api/records", police(), "application/json", future),
                                400,
                                "invalid-request")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("recordedAt");

        String aheadByAMinute = record("PNC-" + UUID.randomUUID(), "theft")
                .replace(
                        "2026-03-01T23:10:00Z",
                        Instant.now().plus(Duration.ofMinutes(1)).toString());
        assertThat(http.send("POST", "/api/records", police(), "application/json", aheadByAMinute)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void aRecordWithAnImpossibleDateOfBirthIsRefused() {
        var response = http.send(
                "POST",
                "/api/records",
                police(),
                "application/json",
                record("PNC-" + UUID.randomUUID(), "theft").replace("\"2016-05-04\"", "\"2016-02-30\""));

        assertThat(assertProblem(response, 400, "malformed-body")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("subject.dateOfBirth");
    }
}
