package uk.mashhub.audit;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends audited events to {@code audit.audit_event} inside the transaction that published them.
 * An event published outside a transaction is refused: a change whose audit could be lost must
 * not happen at all.
 *
 * <p>The table is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. The tamper-evident
 * chain and the relay to Kafka build on it (issue 5).
 */
@Component
class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    void append(Auditable auditable) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audited events must be published inside the transaction of the change");
        }
        AuditEvent event = auditable.auditEvent();
        jdbc.sql("""
                        INSERT INTO audit.audit_event (id, type, actor_agency, actor, occurred_at, details)
                        VALUES (:id, :type, :agency, :actor, :at, CAST(:details AS jsonb))""")
                .param("id", event.id())
                .param("type", event.type())
                .param("agency", event.actorAgency().value())
                .param("actor", event.actor())
                .param("at", java.sql.Timestamp.from(event.occurredAt()))
                .param("details", json.writeValueAsString(event.details()))
                .update();
    }
}
