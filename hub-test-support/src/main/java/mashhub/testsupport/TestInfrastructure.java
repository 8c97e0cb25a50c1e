package mashhub.testsupport;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server and Kafka broker that integration tests run against, started once per
 * test JVM and shared by every test class in it.
 *
 * <p>Which servers is chosen by {@code -Dhub.test.infrastructure} or the environment variable
 * {@code HUB_TEST_INFRASTRUCTURE}:
 *
 * <ul>
 *   <li>{@code embedded} (default): zonky's embedded PostgreSQL and an in-JVM KRaft broker; no
 *       Docker needed.
 *   <li>{@code testcontainers}: PostgreSQL and Kafka containers; fails fast when Docker is absent.
 *   <li>{@code external}: servers that are already running, named by {@code
 *       HUB_TEST_DATABASE_URL}, {@code HUB_TEST_DATABASE_USERNAME}, {@code
 *       HUB_TEST_DATABASE_PASSWORD} and {@code HUB_TEST_KAFKA_BOOTSTRAP_SERVERS} (or the same
 *       names as lower-case dotted system properties, {@code hub.test.database.url} …).
 * </ul>
 */
public final class TestInfrastructure {

    /** Connection details of the running servers. */
    public record Servers(String jdbcUrl, String username, String password, String kafkaBootstrapServers) {}

    private static @Nullable Servers servers;

    private TestInfrastructure() {}

    /** The shared servers, started on first use. */
    public static synchronized Servers servers() {
        if (servers == null) {
            servers = start(TestInfrastructure::systemSetting);
        }
        return servers;
    }

    /** Starts (or, for external servers, just names) the servers the settings ask for. */
    static Servers start(Function<String, @Nullable String> settings) {
        return switch (setting(settings, "hub.test.infrastructure", "embedded").toLowerCase(Locale.ROOT)) {
            case "embedded" -> embedded();
            case "testcontainers" -> containers();
            case "external" -> external(settings);
            default ->
                throw new IllegalStateException("hub.test.infrastructure must be embedded, testcontainers or external");
        };
    }

    private static Servers embedded() {
        var postgres = EmbeddedPostgresServer.startThrowAway();
        var kafka = EmbeddedKafkaServer.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.close();
                            postgres.close();
                        },
                        "test-infrastructure-stop"));
        return new Servers(postgres.jdbcUrl(), postgres.username(), postgres.password(), kafka.bootstrapServers());
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM exits
    private static Servers containers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(
                    "hub.test.infrastructure=testcontainers needs a Docker engine; none is running");
        }
        var postgres = new PostgreSQLContainer("postgres:17-alpine");
        var kafka = new KafkaContainer("apache/kafka:4.2.1");
        postgres.start();
        kafka.start();
        return new Servers(
                postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), kafka.getBootstrapServers());
    }

    private static Servers external(Function<String, @Nullable String> settings) {
        return new Servers(
                required(settings, "hub.test.database.url"),
                required(settings, "hub.test.database.username"),
                setting(settings, "hub.test.database.password", ""),
                required(settings, "hub.test.kafka.bootstrap-servers"));
    }

    private static String required(Function<String, @Nullable String> settings, String name) {
        String value = setting(settings, name, "");
        if (value.isBlank()) {
            throw new IllegalStateException(
                    "hub.test.infrastructure=external needs " + name + " or " + environmentName(name));
        }
        return value;
    }

    private static String setting(Function<String, @Nullable String> settings, String name, String fallback) {
        return Objects.requireNonNullElse(settings.apply(name), fallback);
    }

    /** A system property, else the environment variable of the same name in upper case with underscores. */
    private static @Nullable String systemSetting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(environmentName(name));
    }

    private static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
