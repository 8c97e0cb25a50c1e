package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.TestInfrastructure;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
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
                .contains("db", "kafka", "readinessState", "auditRelay", "auditReadModel", "auditLogProtection");
    }

    @Test
    void saysTheAuditLogIsAppendOnlyForTheRoleTheHubConnectsAs() {
        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "hub-monitoring", "monitoring-demo-secret");
        JsonNode protection =
                Http.json(http.get("/actuator/health/readiness", token)).at("/components/auditLogProtection");

        assertThat(protection.get("status").asString()).isEqualTo("UP");
        assertThat(protection.at("/details/appendOnly").asBoolean()).isTrue();
    }

    @Test
    void namesWhatARoleThatCouldRewriteTheAuditLogMayDo(@Autowired JdbcTemplate asTheHub) {
        var servers = TestInfrastructure.servers();
        var asTheOwner = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), servers.jdbcUrl(), servers.username(), servers.password()));

        assertThat(AuditLogProtection.of(asTheHub).beyondAppending()).isEmpty();
        assertThat(AuditLogProtection.of(asTheOwner).beyondAppending())
                .as("the test server's owner migrated the schema and is its superuser")
                .contains("SUPERUSER", "OWNER", "UPDATE", "DELETE", "TRUNCATE");
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
