package uk.mashhub.audit.reader;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The auditor read model: how it consumes the disclosure stream, whom it shows what, and how long it
 * keeps events.
 *
 * @param enabled whether this instance builds the read model from the stream
 * @param groupId the Kafka consumer group
 * @param reorderWindow events held while waiting for a missing sequence number before the consumer
 *     stops reading ahead (a gap that does not close is reported, never skipped)
 * @param pollTimeout how long one poll waits for records
 * @param trustedCheckpointKeys Ed25519 public keys (X.509 PEM) whose checkpoints are trusted; empty
 *     means this hub's own checkpoint key
 * @param partnershipAuditors agencies whose auditors see the whole partnership's log; an auditor of
 *     any other agency sees the events their agency took part in (as actor, provider or recipient)
 * @param retention how long events are kept in the read model
 * @param datasource a database of the read model's own; empty means the hub's database (schema
 *     {@code audit_read})
 */
@ConfigurationProperties("hub.audit.reader")
public record ReaderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mash-hub-audit-reader") String groupId,
        @DefaultValue("100000") int reorderWindow,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue List<String> trustedCheckpointKeys,
        @DefaultValue List<String> partnershipAuditors,
        @DefaultValue Retention retention,
        @DefaultValue Datasource datasource) {

    public ReaderProperties {
        if (reorderWindow < 1) {
            throw new IllegalArgumentException("hub.audit.reader.reorder-window must be at least 1");
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("hub.audit.reader.group-id must not be blank");
        }
    }

    /**
     * @param keep how long an event is kept unless its type has its own period
     * @param byType periods per event type (e.g. {@code AuditLogSearched: P2Y})
     * @param checkEvery how often the read model looks for what has passed its retention
     */
    public record Retention(
            @DefaultValue("P8Y") Period keep,
            @DefaultValue Map<String, Period> byType,
            @DefaultValue("PT6H") Duration checkEvery) {

        public Retention {
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("hub.audit.reader.retention.keep must be positive");
            }
            byType.forEach((type, period) -> {
                if (period.isNegative() || period.isZero()) {
                    throw new IllegalArgumentException(
                            "hub.audit.reader.retention.by-type." + type + " must be positive");
                }
            });
        }

        /** The period for events of {@code type}. */
        public Period periodFor(String type) {
            return byType.getOrDefault(type, keep);
        }
    }

    /**
     * @param url JDBC URL of the read model's own database (empty: the hub's database)
     * @param username its user, which owns schema {@code audit_read} there
     * @param password its password
     */
    public record Datasource(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password) {

        boolean separate() {
            return url != null && !url.isBlank();
        }
    }
}
