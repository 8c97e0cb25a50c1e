package uk.mashhub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mashhub.testsupport.InfrastructureInitializer;
import mashhub.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.kernel.AgencyId;

/**
 * Starts the audit module as a hub instance of its own against a given database, so tests can run
 * several instances side by side, tamper with their database, or stop one and start another.
 */
final class AuditInstances {

    private AuditInstances() {}

    record SomethingAudited(AuditEvent auditEvent) implements Auditable {}

    static ConfigurableApplicationContext start(String jdbcUrl, String... settings) {
        var servers = TestInfrastructure.servers();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + servers.username(),
                "--spring.datasource.password=" + servers.password(),
                "--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                "--hub.audit.chain.pseudonym-key=" + InfrastructureInitializer.TEST_PSEUDONYM_KEY,
                "--hub.audit.chain.checkpoint-private-key=" + InfrastructureInitializer.TEST_CHECKPOINT_PRIVATE_KEY,
                "--hub.audit.chain.checkpoint-public-key=" + InfrastructureInitializer.TEST_CHECKPOINT_PUBLIC_KEY,
                "--hub.audit.relay.enabled=false",
                "--spring.main.banner-mode=off",
                "--spring.main.web-application-type=none"));
        for (String setting : settings) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            args.removeIf(existing -> existing.startsWith(name));
            args.add(setting);
        }
        return new SpringApplicationBuilder(AuditModuleTestApplication.class).run(args.toArray(String[]::new));
    }

    static AuditEvent anEvent(Map<String, Object> details) {
        return new AuditEvent(
                UUID.randomUUID(),
                "ThingRecorded",
                new AgencyId("northshire-police"),
                "officer-1",
                Instant.now(),
                details);
    }

    static AuditEvent anEvent() {
        return anEvent(Map.of("thingId", UUID.randomUUID().toString()));
    }

    /** Publishes {@code count} events in one transaction of {@code instance}; returns their receipts. */
    static List<AuditReceipt> log(ConfigurableApplicationContext instance, int count) {
        TransactionTemplate transaction = instance.getBean(TransactionTemplate.class);
        AuditLog auditLog = instance.getBean(AuditLog.class);
        return transaction.execute(status -> {
            for (int i = 0; i < count; i++) {
                instance.publishEvent(new SomethingAudited(anEvent()));
            }
            return auditLog.seal();
        });
    }

    /** Runs SQL as the database superuser with the append-only trigger switched off: tampering. */
    static void tamper(ConfigurableApplicationContext instance, String... statements) {
        JdbcTemplate jdbc = instance.getBean(JdbcTemplate.class);
        TransactionTemplate transaction = instance.getBean(TransactionTemplate.class);
        transaction.executeWithoutResult(status -> {
            jdbc.execute("ALTER TABLE audit.audit_event DISABLE TRIGGER audit_event_append_only");
            for (String statement : statements) {
                jdbc.execute(statement);
            }
            jdbc.execute("ALTER TABLE audit.audit_event ENABLE TRIGGER audit_event_append_only");
        });
    }
}
