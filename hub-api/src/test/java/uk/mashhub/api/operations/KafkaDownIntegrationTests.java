package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.token;

import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.kernel.HubScope;

/** A hub whose Kafka is gone: still serving, visibly degraded. */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "spring.kafka.admin.operation-timeout=1s",
            // this instance cannot reach a broker: it must not hold the relay while other test hubs share the database
            "hub.audit.relay.enabled=false"
        })
class KafkaDownIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;

    KafkaDownIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Test
    void staysReadyButSaysItIsDegraded() {
        var response = new Http(port).get("/actuator/health/readiness", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode readiness = Http.json(response);
        assertThat(readiness.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(readiness.at("/components/kafka/status").asString()).isEqualTo("DEGRADED");
        assertThat(readiness.at("/components/db/status").asString()).isEqualTo("UP");
    }

    @Test
    void showsHowFarTheDisclosureStreamIsBehindTheAuditLog() {
        String monitoring = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "hub-monitoring", "monitoring-demo-secret");

        JsonNode relay = Http.json(new Http(port).get("/actuator/health/readiness", monitoring))
                .at("/components/auditRelay");

        assertThat(relay.get("status").asString()).isIn("UP", "DEGRADED");
        assertThat(relay.at("/details/lag").asLong())
                .isEqualTo(relay.at("/details/headSequence").asLong()
                        - relay.at("/details/relayedSequence").asLong())
                .isNotNegative();
        assertThat(new Http(port).get("/actuator/prometheus", monitoring).body())
                .contains("hub_audit_relay_lag", "hub_audit_relay_delay_seconds");
    }

    @Test
    void keepsServingTheApi() {
        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "police-case-system", "police-demo-secret");

        assertThat(new Http(port).get("/api/agencies", token).statusCode()).isEqualTo(200);
    }

    @Test
    void releasesWithAReceiptWhileNoBrokerCanBeReached() {
        Http http = new Http(port);
        ReleaseCase aCase = ReleaseCase.create(http, port, jdbc);

        JsonNode disclosure =
                aCase.released(http, token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE), aCase.policeRecord());

        assertThat(disclosure.get("decision").asString()).isEqualTo("PERMIT");
        assertThat(disclosure.get("fields").propertyNames()).contains("incidentType");
        JsonNode receipt = disclosure.get("receipt");
        assertThat(ReleaseCase.chainedEventOf(jdbc, receipt, aCase.policeRecord()))
                .as("the receipt names the chained event")
                .isEqualTo("RecordReleased " + receipt.get("hash").asString());
        assertThat(Http.json(http.get("/actuator/health/readiness", null))
                        .at("/components/kafka/status")
                        .asString())
                .as("no broker was reached meanwhile")
                .isEqualTo("DEGRADED");
    }
}
