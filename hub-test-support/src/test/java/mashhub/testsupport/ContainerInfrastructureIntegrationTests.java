package mashhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Testcontainers mode, for machines with Docker. Skipped where there is none (as on the
 * project's build machines), and never counted as coverage there.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureIntegrationTests {

    @Test
    void startsPostgresqlAndKafkaContainers() throws Exception {
        var servers = TestInfrastructure.start(Map.of("hub.test.infrastructure", "testcontainers")::get);

        try (var connection = DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password())) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(servers.kafkaBootstrapServers()).isNotBlank();
    }
}
