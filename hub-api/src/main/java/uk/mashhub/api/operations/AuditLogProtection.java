package uk.mashhub.api.operations;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the database role the hub connects as could rewrite the audit log: a superuser, the
 * log's owner (who may disable its append-only trigger) or a role granted UPDATE, DELETE or
 * TRUNCATE on it. The hash chain and the checkpoints still show such a change, but nothing would
 * stop it — production connects as the application role, which may only insert and read
 * (docs/operations.md). Part of readiness: {@link KafkaHealth#DEGRADED} (HTTP 200) and a warning at
 * start, never DOWN (a laptop's local run may connect as the owner on purpose).
 */
@Component("auditLogProtection")
class AuditLogProtection extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AuditLogProtection.class);

    /** What the connected role may do to the audit log that the hub itself never does. */
    record Powers(List<String> beyondAppending) {
        boolean appendOnly() {
            return beyondAppending.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;
    private volatile Powers powers;

    AuditLogProtection(JdbcTemplate jdbc) {
        super("Audit log protection check failed");
        this.jdbc = jdbc;
    }

    /** The powers of the role {@code jdbc} connects as (the role does not change while the hub runs). */
    static Powers of(JdbcTemplate jdbc) {
        return jdbc.queryForObject("""
                SELECT r.rolsuper,
                       pg_has_role(current_user, c.relowner, 'MEMBER') AS owner,
                       has_table_privilege(c.oid, 'UPDATE') AS may_update,
                       has_table_privilege(c.oid, 'DELETE') AS may_delete,
                       has_table_privilege(c.oid, 'TRUNCATE') AS may_truncate
                  FROM pg_roles r, pg_class c
                 WHERE r.rolname = current_user AND c.oid = 'audit.audit_event'::regclass""", (rs, n) -> {
            List<String> beyond = new ArrayList<>();
            if (rs.getBoolean("rolsuper")) {
                beyond.add("SUPERUSER");
            }
            if (rs.getBoolean("owner")) {
                beyond.add("OWNER");
            }
            for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                if (rs.getBoolean("may_" + privilege.toLowerCase(java.util.Locale.ROOT))) {
                    beyond.add(privilege);
                }
            }
            return new Powers(List.copyOf(beyond));
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfTheLogIsNotProtected() {
        try {
            Powers current = powers();
            if (!current.appendOnly()) {
                log.warn(
                        "The hub connects to PostgreSQL as a role that can change or delete audit events ({}): connect"
                                + " as the application role (docs/operations.md)",
                        current.beyondAppending());
            }
        } catch (RuntimeException unavailable) {
            log.warn(
                    "Could not check the audit log's protection ({})",
                    unavailable.getClass().getSimpleName());
        }
    }

    private Powers powers() {
        Powers known = powers;
        if (known == null) {
            known = of(jdbc);
            powers = known;
        }
        return known;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Powers current = powers();
        builder.status(current.appendOnly() ? Status.UP : KafkaHealth.DEGRADED)
                .withDetail("appendOnly", current.appendOnly());
        if (!current.appendOnly()) {
            builder.withDetail("connectedRoleMay", current.beyondAppending())
                    .withDetail(
                            "impact",
                            "Nothing but the hash chain stops this role rewriting the audit log: connect as the"
                                    + " application role");
        }
    }
}
