package uk.mashhub.audit;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.AgencyId;

/**
 * The audit chain as stored in PostgreSQL: its head, how far the relay has got, and verification
 * of the whole log against the chain (and the checkpoints against this hub's signing key).
 */
@Component
public class AuditChain {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final JsonMapper json;
    private final CheckpointSigner signer;
    private final TrustedCheckpointKeys trusted;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuditChain(
            JdbcTemplate jdbc,
            JsonMapper json,
            CheckpointSigner signer,
            TrustedCheckpointKeys trusted,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            ObjectProvider<Clock> clock) {
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.writing = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(java.util.Objects.requireNonNull(jdbc.getDataSource()));
        this.cursor.setFetchSize(5000);
        this.json = json;
        this.signer = signer;
        this.trusted = trusted;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // the log and the head read in one snapshot: events committed during a long walk are not
        // half seen (the head ahead of the last row read would read as a cut-off chain)
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Where the chain and the relay stand. */
    public record Status(long headSequence, String headHash, long relayedSequence) {
        public long relayLag() {
            return headSequence - relayedSequence;
        }
    }

    public Status status() {
        return jdbc.queryForObject("""
                SELECT h.sequence, encode(h.hash, 'hex'), r.sequence
                FROM audit.chain_head h CROSS JOIN audit.relay_position r
                WHERE h.id = 1 AND r.id = 1""", (row, n) -> new Status(row.getLong(1), row.getString(2), row.getLong(3)));
    }

    /**
     * Verifies every event from the first, the checkpoints against this hub's key and the keys that
     * signed before it, and the head.
     */
    public ChainVerification verify() {
        return verify(trusted.keys());
    }

    /** The keys whose checkpoints this hub trusts: its own, then any that signed before it. */
    public List<PublicKey> trustedCheckpointKeys() {
        return trusted.keys();
    }

    /** The hash of the event with {@code sequence} in the source log, if the log has it. */
    public java.util.Optional<String> hashAt(long sequence) {
        if (sequence == 0) {
            return java.util.Optional.of(ChainedEvent.GENESIS);
        }
        return jdbc
                .query(
                        "SELECT encode(hash, 'hex') FROM audit.audit_event WHERE sequence = ?",
                        (row, n) -> row.getString(1),
                        sequence)
                .stream()
                .findFirst();
    }

    /** The public key this hub signs checkpoints with. */
    public PublicKey checkpointPublicKey() {
        return signer.publicKey();
    }

    /** The id of the key this hub signs checkpoints with, for whoever checks them elsewhere. */
    public String checkpointKeyId() {
        return signer.keyId();
    }

    /**
     * Verifies the chain for an auditor and records that they did: the verification is itself an
     * audit event ({@code AuditChainVerified}), appended after it, so it is not part of what it checked.
     */
    public ChainVerification verifyFor(AgencyId agency, String auditor) {
        ChainVerification verification = verify();
        writing.executeWithoutResult(
                status -> events.publishEvent(new ChainVerified(verification, agency, auditor, clock.instant())));
        return verification;
    }

    private record ChainVerified(ChainVerification verification, AgencyId agency, String auditor, Instant at)
            implements Auditable {
        @Override
        public AuditEvent auditEvent() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("intact", verification.intact());
            details.put("eventsChecked", verification.eventsChecked());
            details.put("checkpointsVerified", verification.checkpointsVerified());
            details.put("lastGoodSequence", verification.lastGoodSequence());
            if (verification.firstBadSequence() != null) {
                details.put("firstBadSequence", verification.firstBadSequence());
            }
            return new AuditEvent(AuditEvent.newId(), "AuditChainVerified", agency, auditor, at, details);
        }
    }

    ChainVerification verify(List<PublicKey> trustedKeys) {
        return readOnly.execute(transaction -> {
            ChainVerifier verifier = new ChainVerifier(trustedKeys);
            cursor.query("SELECT " + StoredEvents.COLUMNS + " FROM audit.audit_event ORDER BY sequence", row -> {
                if (!verifier.broken()) {
                    long sequence = row.getLong(1);
                    StoredEvents.Stored event;
                    try {
                        event = StoredEvents.read(row, json);
                    } catch (RuntimeException unreadable) {
                        verifier.unreadable(sequence);
                        return;
                    }
                    verifier.accept(event);
                }
            });
            Status status = status();
            verifier.end(status.headSequence(), status.headHash());
            return verifier.result();
        });
    }
}
