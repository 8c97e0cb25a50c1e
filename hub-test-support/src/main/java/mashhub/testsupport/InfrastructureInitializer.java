package mashhub.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at the shared {@link TestInfrastructure}: its datasource at
 * the PostgreSQL server and its Kafka clients at the broker.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var servers = TestInfrastructure.servers();
        TestProperties.addBelowInlinedTestProperties(
                context,
                new MapPropertySource(
                        "hub-test-infrastructure",
                        Map.of(
                                "spring.datasource.url", servers.jdbcUrl(),
                                "spring.datasource.username", servers.username(),
                                "spring.datasource.password", servers.password(),
                                "spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers())));
    }
}
