package uk.mashhub.api.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

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
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class ConsentApiIntegrationTests {

    private static final String GIVEN = """
            {"status": "GIVEN", "givenBy": "PARENTAL_RESPONSIBILITY", "giverName": "A. Parent", "giverRelationship": "mother",
             "scope": {"purposes": ["EARLY_HELP"], "everyParty": true, "categories": ["EDUCATION_ATTENDANCE", "HEALTH_SUMMARY"]},
             "form": {"formId": "NSCP-EH-CONSENT", "version": "3"}}""";

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;
    private String consents;

    ConsentApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void aChild() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
        consents = "/api/persons/" + UUID.randomUUID() + "/consents";
    }

    private static String practitioner(String agency) {
        return token(agency, HubScope.TRIAGE, HubScope.RELEASE);
    }

    @Test
    void recordsReadsAndWithdrawsConsent() {
        var given = http.send("POST", consents, practitioner(CHILDRENS), "application/json", GIVEN);
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        String id = Http.json(given).get("id").asString();
        assertThat(given.headers().firstValue("Location")).hasValue(consents + "/" + id);

        var withdrawn = http.send(
                "POST",
                consents + "/" + id + "/withdrawal",
                practitioner(CHILDRENS),
                "application/json",
                "{\"withdrawnBy\": \"PARENTAL_RESPONSIBILITY\", \"giverName\": \"A. Parent\", \"giverRelationship\": \"mother\"}");
        assertThat(withdrawn.statusCode()).isEqualTo(201);

        JsonNode history = Http.json(http.get(consents, practitioner(CHILDRENS)));
        assertThat(history.at("/consents/0/status").asString()).isEqualTo("GIVEN");
        assertThat(history.at("/consents/1/status").asString()).isEqualTo("WITHDRAWN");
        assertThat(history.at("/consents/1/withdraws").asString()).isEqualTo(id);
        assertThat(history.at("/consents/0/recordedByAgency").asString()).isEqualTo(CHILDRENS);
    }

    @Test
    void everyPartnerWithTheScopeReadsTheSameHistoryAttributedToItsRecorder() {
        http.send("POST", consents, practitioner(CHILDRENS), "application/json", GIVEN);

        JsonNode seenByHealth = Http.json(http.get(consents, practitioner(HEALTH)));

        assertThat(seenByHealth.get("consents").size()).isEqualTo(1);
        assertThat(seenByHealth.at("/consents/0/recordedByAgency").asString()).isEqualTo(CHILDRENS);
    }

    @Test
    void namesEveryInvalidField() {
        var response = http.send("POST", consents, practitioner(CHILDRENS), "application/json", """
                {"status": "GIVEN", "givenBy": "SUBJECT",
                 "scope": {"purposes": ["early help"], "everyParty": true, "categories": []}}""");

        List<String> fields = new ArrayList<>();
        assertProblem(response, 400, "invalid-request")
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("scope.categories").anyMatch(field -> field.startsWith("scope.purposes"));
    }

    @Test
    void refusesAGivenConsentWithoutItsForm() {
        var response = http.send("POST", consents, practitioner(CHILDRENS), "application/json", """
                {"status": "GIVEN", "givenBy": "SUBJECT",
                 "scope": {"purposes": ["EARLY_HELP"], "everyParty": true, "categories": ["EDUCATION_ATTENDANCE"]}}""");

        assertThat(assertProblem(response, 400, "invalid-value").get("detail").asString())
                .contains("form");
    }

    @Test
    void refusesAPersonIdThatIsNotAUuid() {
        assertProblem(http.get("/api/persons/jane-doe/consents", practitioner(CHILDRENS)), 400, "invalid-value");
    }

    @Test
    void withdrawingAConsentThatDoesNotExistIsNotFound() {
        assertProblem(
                http.send(
                        "POST",
                        consents + "/" + UUID.randomUUID() + "/withdrawal",
                        practitioner(CHILDRENS),
                        "application/json",
                        "{\"withdrawnBy\": \"SUBJECT\"}"),
                404,
                "not-found");
    }

    @Test
    void needsATokenAndACaseworkOrGovernanceScope() {
        String caseSystem = token(CHILDRENS, HubScope.CONTRIBUTE, HubScope.RELEASE);

        assertProblem(http.get(consents, null), 401, "unauthenticated");
        assertProblem(http.send("POST", consents, null, "application/json", GIVEN), 401, "unauthenticated");
        assertProblem(http.get(consents, caseSystem), 403, "forbidden");
        assertProblem(http.send("POST", consents, caseSystem, "application/json", GIVEN), 403, "forbidden");
        assertProblem(
                http.send("POST", consents, token(CHILDRENS, HubScope.REVIEW), "application/json", GIVEN),
                403,
                "forbidden");
        assertThat(http.send("POST", consents, token(CHILDRENS, HubScope.GOVERN), "application/json", GIVEN)
                        .statusCode())
                .isEqualTo(201);
    }
}
