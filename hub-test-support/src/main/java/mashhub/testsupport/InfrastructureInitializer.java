package mashhub.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at the shared {@link TestInfrastructure}: its datasource at
 * the PostgreSQL server — connected as the application role, migrated as the owner ({@link AppRole})
 * — and its Kafka clients at the broker, and gives it a test audit pseudonym key.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The audit pseudonym key of every test hub (base64 of a 32-byte phrase). */
    public static final String TEST_PSEUDONYM_KEY = "dGVzdCBwc2V1ZG9ueW0ga2V5IC0gbm90IGEgc2VjcmV0IQ==";

    /**
     * The checkpoint key pair of every test hub: one deployment's instances share one configured key,
     * so a chain that several test contexts (or two hubs in one test) wrote verifies under it. Not a
     * secret: test data only.
     */
    public static final String TEST_CHECKPOINT_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIB5ELG6iJRbnwNDKHwrltFa4jzuTx7lF2ntPIXuf85P7
            -----END PRIVATE KEY-----
            """;

    public static final String TEST_CHECKPOINT_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAj/OtmeP5/5OwuxfpELsAX9O6qlqvCbqBIBPkepCzrQo=
            -----END PUBLIC KEY-----
            """;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var servers = TestInfrastructure.servers();
        Map<String, Object> properties = new java.util.LinkedHashMap<>(
                AppRole.properties(servers.jdbcUrl(), servers.username(), servers.password()));
        properties.put("spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
        // not a secret: pseudonyms in tests need a key, any key
        properties.put("hub.audit.chain.pseudonym-key", TEST_PSEUDONYM_KEY);
        properties.put("hub.audit.chain.checkpoint-private-key", TEST_CHECKPOINT_PRIVATE_KEY);
        properties.put("hub.audit.chain.checkpoint-public-key", TEST_CHECKPOINT_PUBLIC_KEY);
        // children's services host the test partnership's MASH: their auditors see every agency's events
        properties.put("hub.audit.reader.partnership-auditors", "northshire-childrens-services");
        // tests make an agency's record topics moments before sending to them
        properties.put("hub.ingest.inbound.discover-topics-every", "1s");
        TestProperties.addBelowInlinedTestProperties(
                context, new MapPropertySource("hub-test-infrastructure", properties));
    }
}
