package mashhub.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mashhub.testsupport.AppRole;
import mashhub.testsupport.EmbeddedKafkaServer;
import mashhub.testsupport.EmbeddedPostgresServer;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.LocalIdentityProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import uk.mashhub.HubApplication;

/**
 * Starts PostgreSQL (data kept in {@code .local/postgres}), a Kafka broker (in memory of this run
 * only, on a port it picks), the identity provider
 * and the hub with the demo partnership, prints where everything is, and stops all of it, in
 * reverse order, on Ctrl-C. {@code --reset} starts from an empty database.
 */
public final class LocalHub {

    private static final String LOCAL_PSEUDONYM_KEY = "bWFzaC1odWIgbG9jYWwgZGVtbyBrZXk6IHB1YmxpYyE=";
    /**
     * The demo's checkpoint key pair (Ed25519, PEM bodies), fixed so that the chain kept in
     * {@code .local} still verifies after a restart: a key made at each start would leave the earlier
     * checkpoints signed by a key the hub no longer trusts.
     */
    private static final String LOCAL_CHECKPOINT_PRIVATE_KEY =
            "MC4CAQAwBQYDK2VwBCIEIJu+XL/xTojnG/Zvh6ECteNY1s5oc44c5UcBsjKN/OpH";

    private static final String LOCAL_CHECKPOINT_PUBLIC_KEY =
            "MCowBQYDK2VwAyEA8DoDveXEfvkl/WTCiW8zSugF5tZfKEN7HTB9TeQlyZI=";

    private LocalHub() {}

    public static void main(String[] args) {
        boolean reset = Arrays.asList(args).contains("--reset");
        Path home = Path.of(System.getProperty("hub.local.home", ".local")).toAbsolutePath();
        int hubPort = setting("HUB_PORT", 8080);
        int idpPort = setting("HUB_IDP_PORT", 9000);
        int postgresPort = setting("HUB_POSTGRES_PORT", 5433);
        if (reset) {
            deleteRecursively(home.resolve("postgres"));
        }

        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "local-hub-stop"));

        var postgres = EmbeddedPostgresServer.start(
                home.resolve("postgres"), home.resolve("postgres-binaries"), postgresPort, true);
        started.add(postgres);
        var kafka = EmbeddedKafkaServer.start();
        started.add(kafka);
        String hubUrl = "http://localhost:" + hubPort;
        var idp = LocalIdentityProvider.start(idpPort, hubUrl);
        started.add(idp);

        List<String> hubArgs = new ArrayList<>(List.of(
                "--spring.main.register-shutdown-hook=false",
                "--server.port=" + hubPort,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--hub.security.token.issuer=" + idp.issuer(),
                "--hub.security.token.jwk-set-uri=" + idp.jwkSetUri(),
                "--hub.web.client-secret=" + DemoPartnership.WEB_CLIENT_SECRET,
                // a demo key, published here on purpose: the local run holds demo data only
                "--hub.audit.chain.pseudonym-key=" + LOCAL_PSEUDONYM_KEY,
                "--hub.audit.chain.checkpoint-private-key=" + LOCAL_CHECKPOINT_PRIVATE_KEY,
                "--hub.audit.chain.checkpoint-public-key=" + LOCAL_CHECKPOINT_PUBLIC_KEY,
                // children's services host the demo MASH: their auditors see the whole partnership
                "--hub.audit.reader.partnership-auditors=" + DemoPartnership.CHILDRENS_SOCIAL_CARE));
        // connected as the application role, migrated as the owner: as in production
        AppRole.properties(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .forEach((name, value) -> hubArgs.add("--" + name + "=" + value));
        Arrays.stream(args).filter(arg -> !arg.equals("--reset")).forEach(hubArgs::add);
        ConfigurableApplicationContext hub = SpringApplication.from(HubApplication::main)
                .run(hubArgs.toArray(String[]::new))
                .getApplicationContext();
        started.add(hub::close);
        var demo = new DemoData(hubUrl, idp);
        demo.load();
        demo.loadCaseload();

        System.out.println(banner(hubUrl, idp, postgres, kafka));
    }

    private static String banner(
            String hubUrl, LocalIdentityProvider idp, EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka) {
        var police = DemoPartnership.SYSTEMS.getFirst();
        return """

                ============================================================================
                 MASH Hub is running (Ctrl-C stops everything)

                 API              %1$s/api
                 Swagger UI       %1$s/swagger-ui.html
                 OpenAPI          %1$s/v3/api-docs
                 Health           %1$s/actuator/health
                 Token endpoint   %2$s
                 PostgreSQL       %3$s  (user postgres, password postgres)
                 Kafka            %4$s

                 Try it:
                   TOKEN=$(curl -s -u %5$s:%6$s -d grant_type=client_credentials %2$s | jq -r .access_token)
                   curl -H "Authorization: Bearer $TOKEN" %1$s/api/agencies
                ============================================================================
                """.formatted(
                        hubUrl,
                        idp.tokenUri(),
                        postgres.jdbcUrl(),
                        kafka.bootstrapServers(),
                        police.clientId(),
                        police.secret());
    }

    private static void stopAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop cleanly: " + e.getClass().getSimpleName());
            }
        }
    }

    private static int setting(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
