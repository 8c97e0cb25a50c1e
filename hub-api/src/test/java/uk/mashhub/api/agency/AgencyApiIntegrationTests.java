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
}
