package mashhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestInfrastructureTests {

    @Test
    void externalModeUsesTheServersItIsGivenWithoutStartingAny() {
        var servers = TestInfrastructure.start(Map.of(
                "hub.test.infrastructure", "external",
                "hub.test.database.url", "jdbc:postgresql://db.test:5432/hub",
                "hub.test.database.username", "hub",
                "hub.test.kafka.bootstrap-servers", "kafka.test:9092")::get);

        assertThat(servers)
                .isEqualTo(new TestInfrastructure.Servers(
                        "jdbc:postgresql://db.test:5432/hub", "hub", "", "kafka.test:9092"));
    }

    @Test
    void externalModeNamesTheSettingThatIsMissing() {
        assertThatThrownBy(() -> TestInfrastructure.start(Map.of(
                        "hub.test.infrastructure", "external",
                        "hub.test.database.url", "jdbc:postgresql://db.test:5432/hub",
                        "hub.test.database.username", "hub")::get))
                .hasMessageContaining("hub.test.kafka.bootstrap-servers")
                .hasMessageContaining("HUB_TEST_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void refusesAModeItDoesNotKnow() {
        assertThatThrownBy(() -> TestInfrastructure.start(Map.of("hub.test.infrastructure", "h2")::get))
                .hasMessageContaining("embedded, testcontainers or external");
    }
}
