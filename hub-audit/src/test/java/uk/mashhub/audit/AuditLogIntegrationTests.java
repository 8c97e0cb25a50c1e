package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import mashhub.testsupport.AppRole;
import mashhub.testsupport.DatabaseOwner;
import mashhub.testsupport.InfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.kernel.AgencyId;

@SpringBootTest(classes = AuditModuleTestApplication.class)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class AuditLogIntegrationTests {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final AuditChain audit;

    AuditLogIntegrationTests(
            @Autowired ApplicationEventPublisher events,
            @Autowired TransactionTemplate transaction,
            @Autowired JdbcClient jdbc,
            @Autowired AuditChain audit) {
        this.events = events;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    private record SomethingAudited(AuditEvent auditEvent) implements Auditable {}

    private static AuditEvent anEvent() {
        return new AuditEvent(
                UUID.randomUUID(),
                "ThingRecorded",
                new AgencyId("northshire-police"),
                "officer-1",
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                Map.of("thingId", UUID.randomUUID().toString()));
    }

    private UUID logged() {
        AuditEvent event = anEvent();
        transaction.executeWithoutResult(status -> events.publishEvent(new SomethingAudited(event)));
        return event.id();
    }

    private long count(UUID id) {
        return jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    @Test
    void appendsAnEventInTheTransactionThatPublishedIt() {
        AuditEvent event = anEvent();

        transaction.executeWithoutResult(status -> events.publishEvent(new SomethingAudited(event)));

        assertThat(jdbc.sql("SELECT type, actor_agency, actor, details->>'thingId' FROM audit.audit_event WHERE id = ?")
                        .param(event.id())
                        .query((rs, n) ->
                                rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
                        .single())
                .isEqualTo("ThingRecorded|northshire-police|officer-1|"
                        + event.details().get("thingId"));
    }

    @Test
    void keepsTextWithBackslashesTabsAndLineBreaksExactlyAsHashed() {
        // the log is appended with COPY, whose text format gives these characters a meaning of their own
        String awkward = "back\\slash \"quoted\" tab\tnew\nline\rreturn \\N café ✓";
        AuditEvent event = new AuditEvent(
                UUID.randomUUID(),
                "ThingRecorded",
                new AgencyId("northshire-police"),
                "officer\\1\t" + awkward,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                Map.of("note", awkward, "codes", java.util.List.of("a\\b", "c\td")));

        transaction.executeWithoutResult(status -> events.publishEvent(new SomethingAudited(event)));

        assertThat(jdbc.sql("SELECT actor, details::text FROM audit.audit_event WHERE id = ?")
                        .param(event.id())
                        .query((rs, n) -> java.util.List.of(rs.getString(1), rs.getString(2)))
                        .single())
                .containsExactly(
                        event.actor(),
                        new String(CanonicalJson.encode(event.details()), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void loggedEventIsGoneWhenThePublishingTransactionRollsBack() {
        AuditEvent event = anEvent();

        transaction.executeWithoutResult(status -> {
            events.publishEvent(new SomethingAudited(event));
            status.setRollbackOnly();
        });

        assertThat(count(event.id())).isZero();
    }

    @Test
    void refusesAnEventPublishedOutsideATransaction() {
        AuditEvent event = anEvent();

        assertThatThrownBy(() -> events.publishEvent(new SomethingAudited(event)))
                .hasMessageContaining("inside the transaction");
        assertThat(count(event.id())).isZero();
    }

    @Test
    void theApplicationRoleMayNotUpdateDeleteOrTruncateTheLog() {
        UUID id = logged();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit.audit_event SET actor = 'someone-else' WHERE id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit.audit_event WHERE id = ?")
                        .param(id)
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit.audit_event").update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThat(count(id)).isOne();
    }

    @Test
    void theTriggerRefusesAnUpdateEvenFromTheOwner() {
        UUID id = logged();

        assertThatThrownBy(() -> DatabaseOwner.jdbc()
                        .sql("UPDATE audit.audit_event SET actor = 'someone-else' WHERE id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("audit_event is append-only: UPDATE refused");
        assertThat(jdbc.sql("SELECT actor FROM audit.audit_event WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("officer-1");
    }

    @Test
    void theTriggerRefusesADeleteEvenFromTheOwner() {
        UUID id = logged();

        assertThatThrownBy(() -> DatabaseOwner.jdbc()
                        .sql("DELETE FROM audit.audit_event WHERE id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("audit_event is append-only: DELETE refused");
        assertThat(count(id)).isOne();
    }

    @Test
    void theTriggerRefusesToTruncateTheLogEvenForTheOwner() {
        UUID id = logged();

        assertThatThrownBy(() ->
                        DatabaseOwner.jdbc().sql("TRUNCATE audit.audit_event").update())
                .hasMessageContaining("audit_event is append-only: TRUNCATE refused");
        assertThat(count(id)).isOne();
    }

    @Test
    void theApplicationRoleOwnsNothingInTheAuditSchema() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(AppRole.NAME);
        assertThatThrownBy(() -> jdbc.sql("ALTER TABLE audit.audit_event DISABLE TRIGGER audit_event_append_only")
                        .update())
                .rootCause()
                .hasMessageContaining("must be owner");
    }
}
