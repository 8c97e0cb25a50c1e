package mashhub.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at the shared {@link TestInfrastructure}: its datasource at
 * the PostgreSQL server and its Kafka clients at the broker, and gives it a test audit pseudonym key.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The audit pseudonym key of every test hub (base64 of a 32-byte phrase). */
    public static final String TEST_PSEUDONYM_KEY = "dGVzdCBwc2V1ZG9ueW0ga2V5IC0gbm90IGEgc2VjcmV0IQ==";

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
                                "spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers(),
                                // not a secret: pseudonyms in tests need a key, any key
                                "hub.audit.chain.pseudonym-key", TEST_PSEUDONYM_KEY)));
    }
}
