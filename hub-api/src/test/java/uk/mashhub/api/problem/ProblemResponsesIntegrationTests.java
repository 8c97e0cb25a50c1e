package uk.mashhub.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import mashhub.probe.ProblemProbe;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
@Import(ProblemProbe.class)
class ProblemResponsesIntegrationTests {

    private static final String VALID_CONCERN = """
            {"narrative": "bruising noticed", "urgency": "RED", "referrerEmail": "duty@northshire.example",
             "dateOfBirth": "2015-03-01", "relatedPersons": 2}""";

    @LocalServerPort
    int port;

    private Http http;
    private String token;

    @BeforeEach
    void connect() {
        http = new Http(port);
        token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "police-case-system", "police-demo-secret");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    @Test
    void acceptsAValidBody() {
        // the control: the probe itself works when nothing is wrong
        assertThat(http.send("POST", "/api/probe/concerns", token, "application/json", VALID_CONCERN)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void namesEveryInvalidFieldWithoutEchoingValues() {
        String body = """
                {"narrative": " ", "urgency": "%s", "referrerEmail": "not-an-email",
                 "dateOfBirth": null, "relatedPersons": 99}""".formatted(ProblemProbe.PERSONAL_DATA);

        var response = http.send("POST", "/api/probe/concerns", token, "application/json", body);

        var problem = assertProblem(response, 400, "invalid-request");
        assertThat(fields(problem))
                .containsExactlyInAnyOrder("narrative", "urgency", "referrerEmail", "dateOfBirth", "relatedPersons");
        // the instance is a random UUID that may contain any digits: look at everything else
        String withoutInstance = response.body().replace(problem.get("instance").asString(), "");
        assertThat(withoutInstance).doesNotContain(ProblemProbe.PERSONAL_DATA, "not-an-email", "99");
    }

    @Test
    void refusesMalformedJsonWithoutEchoingIt() {
        var response = http.send(
                "POST",
                "/api/probe/concerns",
                token,
                "application/json",
                "{\"narrative\": \"" + ProblemProbe.PERSONAL_DATA);

        assertProblem(response, 400, "malformed-body");
        assertThat(response.body()).doesNotContain(ProblemProbe.PERSONAL_DATA);
    }

    @Test
    void refusesAValueOfTheWrongTypeWithoutEchoingIt() {
        var response = http.send(
                "POST",
                "/api/probe/concerns",
                token,
                "application/json",
                VALID_CONCERN.replace("\"2015-03-01\"", "\"Jane's birthday\""));

        assertThat(fields(assertProblem(response, 400, "malformed-body"))).containsExactly("dateOfBirth");
        assertThat(response.body()).doesNotContain("Jane");
    }

    @Test
    void namesAParameterOfTheWrongType() {
        var response = http.get("/api/probe/typed?count=JaneDoe", token);

        assertThat(fields(assertProblem(response, 400, "invalid-request"))).containsExactly("count");
        assertThat(response.body()).doesNotContain("JaneDoe");
    }

    @Test
    void namesAMissingHeader() {
        var response = http.get("/api/probe/header", token);

        assertThat(fields(assertProblem(response, 400, "invalid-request"))).containsExactly("Idempotency-Key");
    }

    @Test
    void answersAnUnknownAddressWith404() {
        assertProblem(http.get("/api/no-such-thing", token), 404, "not-found");
    }

    @Test
    void refusesTextHoldingTheNulCharacterNamingTheFieldWithoutEchoingIt() {
        String body = VALID_CONCERN.replace("bruising noticed", "Jane\\u0000Doe");

        var problem = assertProblem(
                http.send("POST", "/api/probe/concerns", token, "application/json", body), 400, "invalid-value");

        assertThat(problem.get("detail").asString())
                .isEqualTo("The text of 'narrative' must not hold the NUL character (U+0000).");
        assertThat(problem.toString()).doesNotContain("Jane");
    }

    @Test
    void answersAValueTheDatabaseRefusesAsSuchWith400NotAConflict() {
        var problem = assertProblem(http.get("/api/probe/unstorable", token), 400, "invalid-value");

        assertThat(problem.get("detail").asString()).contains("Nothing was kept");
        assertThat(problem.toString()).doesNotContain(ProblemProbe.PERSONAL_DATA);
    }

    @Test
    void answersADataExceptionThatIsTheHubsOwnFaultAsAFaultNotAConflict() {
        var problem = assertProblem(http.get("/api/probe/too-long", token), 500, "internal-error");

        assertThat(problem.toString()).doesNotContain(ProblemProbe.PERSONAL_DATA);
    }

    @Test
    void readsTheHubsOwnDataWithTheApplicationsMapperUnchecked(@Autowired JsonMapper application) {
        // only what agencies send is checked; the hub's stored data reads as it was written
        assertThat(application
                        .readValue(
                                "{\"narrative\": \"a\\u0000b\", \"dateOfBirth\": \"+10000-01-01\","
                                        + " \"urgency\": \"RED\", \"relatedPersons\": 1}",
                                ProblemProbe.Concern.class)
                        .narrative())
                .isEqualTo("a\u0000b");
    }

    @Test
    void refusesADateOutsideTheYearsOneTo9999NamingTheField() {
        for (String date : List.of("+10000-01-01", "-0001-12-31", "0000-01-01")) {
            String body = VALID_CONCERN.replace("2015-03-01", date);

            var problem = assertProblem(
                    http.send("POST", "/api/probe/concerns", token, "application/json", body), 400, "invalid-value");

            assertThat(problem.get("detail").asString())
                    .isEqualTo("The date or time of 'dateOfBirth' must lie between the years 1 and 9999.");
        }
        assertThat(http.send(
                                "POST",
                                "/api/probe/concerns",
                                token,
                                "application/json",
                                VALID_CONCERN.replace("2015-03-01", "9999-12-31"))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void answersAPathTheServerRefusesBeforeTheHubWithAProblemToo() {
        // Tomcat refuses an encoded NUL in the path itself; its own answer would be an HTML page
        assertProblem(http.get("/api/agencies/%00", token), 400, "invalid-request");
        assertProblem(http.get("/api/referrals/%00/timeline", null), 400, "invalid-request");
        // and a NUL in a query value is refused by the firewall, before anything reads it
        JsonNode problem = assertProblem(
                http.get("/api/referrals?status=RECEIVED%00", Callers.token(Callers.POLICE, HubScope.TRIAGE)),
                400,
                "invalid-request");
        assertThat(problem.get("detail").asString()).contains("NUL");
    }

    @Test
    void answersAnUnsupportedMethodWith405AndSaysWhatIsAllowed() {
        var response = http.send("DELETE", "/api/agencies", token, null, "");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void answersAConflictWith409WithoutTheDatabaseMessage() {
        var response = http.get("/api/probe/conflict", token);

        assertProblem(response, 409, "conflict");
        assertThat(response.body()).doesNotContain("nhs_number", ProblemProbe.PERSONAL_DATA);
    }

    @Test
    void refusesABodyLargerThanTheLimitWith413() {
        String huge = VALID_CONCERN.replace("bruising noticed", "x".repeat(1_100_000));

        assertProblem(
                http.send("POST", "/api/probe/concerns", token, "application/json", huge), 413, "payload-too-large");
    }

    @Test
    void refusesAChunkedBodyLargerThanTheLimitWith413() {
        byte[] huge =
                VALID_CONCERN.replace("bruising noticed", "x".repeat(1_100_000)).getBytes();
        var request = http.request("/api/probe/concerns", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        assertProblem(http.send(request), 413, "payload-too-large");
    }

    @Test
    void refusesAnUnsupportedMediaTypeWith415() {
        var response = http.send("POST", "/api/probe/concerns", token, "text/plain", VALID_CONCERN);

        assertThat(assertProblem(response, 415, "unsupported-media-type")
                        .get("detail")
                        .asString())
                .contains("application/json");
    }

    @Test
    void reportsABrokenRuleWith422AndTheRulesOwnType() {
        assertProblem(http.get("/api/probe/rule", token), 422, "consent-required");
    }

    @Test
    void answersAnUnreachableDatabaseWith503AndRetryAfter() {
        var response = http.get("/api/probe/database-down", token);

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).doesNotContain(ProblemProbe.PERSONAL_DATA);
    }

    @Test
    void hidesAnUnexpectedFailureBehindAnIncidentNumber() {
        var response = http.get("/api/probe/bug", token);

        var problem = assertProblem(response, 500, "internal-error");
        assertThat(problem.get("instance").asString()).startsWith("urn:uuid:");
        assertThat(response.body()).doesNotContain(ProblemProbe.PERSONAL_DATA, "IllegalState");
    }
}
