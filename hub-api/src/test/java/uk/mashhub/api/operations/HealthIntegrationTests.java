package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import uk.mashhub.audit.DisclosureRelay;
import uk.mashhub.audit.GroupCommit;
import uk.mashhub.audit.reader.StreamReader;

@HubIntegrationTest
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @Test
    void backgroundWorkersStartBeforeTheWebServerAndStopAfterIt(
            @Autowired GroupCommit groupCommit, @Autowired DisclosureRelay relay, @Autowired StreamReader reader) {
        // a release accepted while the server starts or drains must find the group commit running
        assertThat(List.of(groupCommit.getPhase(), relay.getPhase(), reader.getPhase()))
                .allSatisfy(
                        phase -> assertThat(phase).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE));
    }

    @Test
    void reportsUpWithTheDatabaseAndKafkaChecked() {
        var response = http.get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = Http.json(response);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessIncludesTheDatabaseAndKafka() {
        JsonNode readiness = Http.json(http.get("/actuator/health/readiness", null));

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").propertyNames())
                .contains("db", "kafka", "readinessState", "auditRelay", "auditReadModel");
    }

    @Test
    void showsTheReadModelsPositionAndLagToTheMonitoringScope() {
        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "hub-monitoring", "monitoring-demo-secret");
        JsonNode readModel = Http.json(http.get("/actuator/health/readiness", token))
                .get("components")
                .get("auditReadModel");

        assertThat(readModel.get("details").has("position"))
                .as(readModel.toString())
                .isTrue();
        assertThat(readModel.get("details").get("lag").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(readModel.get("details").has("gap"))
                .as("no gap in the hub's own stream")
                .isFalse();
        assertThat(readModel.get("details").has("chainBreak")).isFalse();
    }

    @Test
    void showsDetailsOnlyToTheMonitoringScope() {
        assertThat(http.get("/actuator/health", null).body()).doesNotContain("clusterId", "PostgreSQL");

        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "hub-monitoring", "monitoring-demo-secret");
        assertThat(http.get("/actuator/health", token).body()).contains("clusterId", "PostgreSQL");
    }
}
