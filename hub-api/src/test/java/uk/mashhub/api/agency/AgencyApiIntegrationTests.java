package uk.mashhub.api.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.util.ArrayList;
import java.util.List;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class AgencyApiIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;

    AgencyApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void partnership() {
        http = new Http(port);
        for (var agency : DemoPartnership.AGENCIES) {
            jdbc.sql(
                            "INSERT INTO consent.agency (id, name, type, status) VALUES (?, ?, ?, 'ACTIVE') ON CONFLICT DO NOTHING")
                    .params(agency.id(), agency.name(), agency.type())
                    .update();
        }
    }

    private String tokenOf(String clientId, String secret) {
        return Tokens.clientCredentials(IdentityProviderInitializer.identityProvider(), clientId, secret);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("agencies").forEach(agency -> ids.add(agency.get("id").asString()));
        return ids;
    }

    @Test
    void listsThePartnershipOrderedByName() {
        var response = http.get("/api/agencies", tokenOf("police-case-system", "police-demo-secret"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ids(Http.json(response)))
                .containsSubsequence(
                        DemoPartnership.CHILDRENS_SOCIAL_CARE,
                        DemoPartnership.HEALTH,
                        DemoPartnership.POLICE,
                        DemoPartnership.EDUCATION);
    }

    @Test
    void everyAgencySeesTheSameDirectory() {
        var police = http.get("/api/agencies", tokenOf("police-case-system", "police-demo-secret"));
        var health = http.get("/api/agencies", tokenOf("health-case-system", "health-demo-secret"));

        assertThat(health.body()).isEqualTo(police.body());
    }

    @Test
    void readsOneAgency() {
        var response = http.get(
                "/api/agencies/" + DemoPartnership.HEALTH, tokenOf("police-case-system", "police-demo-secret"));

        JsonNode agency = Http.json(response);
        assertThat(agency.get("name").asString()).isEqualTo("Northshire Integrated Care Board");
        assertThat(agency.get("type").asString()).isEqualTo("HEALTH");
        assertThat(agency.get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void answers404ForAnAgencyThatDoesNotExist() {
        assertProblem(
                http.get("/api/agencies/northshire-fire", tokenOf("police-case-system", "police-demo-secret")),
                404,
                "not-found");
    }

    @Test
    void answers400ForAMalformedAgencyIdWithoutEchoingIt() {
        var response = http.get("/api/agencies/JANE_DOE", tokenOf("police-case-system", "police-demo-secret"));

        assertProblem(response, 400, "invalid-value");
        assertThat(response.body()).doesNotContain("JANE_DOE");
    }

    @Test
    void isReadableWithAnyHubScope() {
        var monitoring = http.get("/api/agencies", tokenOf("hub-monitoring", "monitoring-demo-secret"));
        var audit = http.get(
                "/api/agencies",
                Tokens.signed(
                        IdentityProviderInitializer.identityProvider().signingKey(),
                        Tokens.claims(
                                        IdentityProviderInitializer.identityProvider()
                                                .issuer(),
                                        DemoPartnership.HEALTH,
                                        HubScope.AUDIT)
                                .build()));

        assertThat(monitoring.statusCode()).isEqualTo(200);
        assertThat(audit.statusCode()).isEqualTo(200);
    }

    @Test
    void isNotReadableWithoutAToken() {
        assertProblem(http.get("/api/agencies", null), 401, "unauthenticated");
        assertProblem(http.get("/api/agencies/" + DemoPartnership.POLICE, null), 401, "unauthenticated");
    }

    @Test
    void informationGovernanceRegistersAndChangesAnAgency() {
        String governance = Callers.token(DemoPartnership.CHILDRENS_SOCIAL_CARE, HubScope.GOVERN);
        String id = "westshire-police-" + System.nanoTime() % 100_000;

        var registered = http.send(
                "POST",
                "/api/agencies",
                governance,
                "application/json",
                "{\"id\": \"%s\", \"name\": \"Westshire Police\", \"type\": \"POLICE\"}".formatted(id));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).hasValue("/api/agencies/" + id);

        var changed = http.send(
                "PUT",
                "/api/agencies/" + id,
                governance,
                "application/json",
                "{\"name\": \"Westshire Constabulary\", \"type\": \"POLICE\", \"status\": \"INACTIVE\"}");
        assertThat(Http.json(changed).get("status").asString()).isEqualTo("INACTIVE");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_event WHERE type IN ('AgencyRegistered', 'AgencyChanged') "
                                        + "AND details->>'agency' = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertProblem(
                http.send(
                        "POST",
                        "/api/agencies",
                        governance,
                        "application/json",
                        "{\"id\": \"%s\", \"name\": \"Again\", \"type\": \"POLICE\"}".formatted(id)),
                409,
                "agency-already-registered");
    }

    @Test
    void registeringNeedsTheGovernScope() {
        String body = "{\"id\": \"westshire-fire\", \"name\": \"Westshire Fire\", \"type\": \"OTHER\"}";

        assertProblem(http.send("POST", "/api/agencies", null, "application/json", body), 401, "unauthenticated");
        assertProblem(
                http.send(
                        "POST",
                        "/api/agencies",
                        tokenOf("police-case-system", "police-demo-secret"),
                        "application/json",
                        body),
                403,
                "forbidden");
        assertProblem(
                http.send(
                        "PUT",
                        "/api/agencies/" + DemoPartnership.POLICE,
                        tokenOf("police-case-system", "police-demo-secret"),
                        "application/json",
                        "{\"name\": \"Taken over\", \"type\": \"POLICE\", \"status\": \"INACTIVE\"}"),
                403,
                "forbidden");
    }

    @Test
    void namesEveryInvalidFieldOfARegistration() {
        var response = http.send(
                "POST",
                "/api/agencies",
                Callers.token(DemoPartnership.CHILDRENS_SOCIAL_CARE, HubScope.GOVERN),
                "application/json",
                "{\"id\": \"Westshire Fire!\", \"name\": \"\"}");

        List<String> fields = new ArrayList<>();
        assertProblem(response, 400, "invalid-request")
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("id", "name", "type");
    }

    @Test
    void refusesAnAgencyTheMomentItIsMadeInactive() {
        String governance = Callers.token(Callers.CHILDRENS, HubScope.GOVERN);
        String id = "eastshire-police-" + System.nanoTime() % 100_000;
        assertThat(http.send("POST", "/api/agencies", governance, "application/json", """
                        {"id": "%s", "name": "Eastshire Police", "type": "POLICE"}""".formatted(id))
                        .statusCode())
                .isEqualTo(201);
        String contributor = Callers.token(id, HubScope.CONTRIBUTE);
        String record = """
                {"subject": {"localId": "E-1", "familyName": "Hart", "dateOfBirth": "2016-05-04"},
                 "category": "POLICE_INCIDENTS", "fields": {"incidentType": "DOMESTIC"}, "specialCategoryFields": [],
                 "sourceReference": "E-1", "recordedAt": "2026-10-01T10:00:00Z"}""";
        assertThat(http.send("POST", "/api/records", contributor, "application/json", record)
                        .statusCode())
                .isEqualTo(201);

        http.send("PUT", "/api/agencies/" + id, governance, "application/json", """
                {"name": "Eastshire Police", "type": "POLICE", "status": "INACTIVE"}""");

        assertProblem(
                http.send("POST", "/api/records", contributor, "application/json", record),
                403,
                "agency-not-a-partner");
    }
}
