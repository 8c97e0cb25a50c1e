package uk.mashhub.audit;

import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

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
    private final TransactionTemplate readOnly;

    AuditChain(JdbcTemplate jdbc, JsonMapper json, CheckpointSigner signer, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(java.util.Objects.requireNonNull(jdbc.getDataSource()));
        this.cursor.setFetchSize(5000);
        this.json = json;
        this.signer = signer;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
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

    /** Verifies every event from the first, the checkpoints against this hub's key, and the head. */
    public ChainVerification verify() {
        return verify(List.of(signer.publicKey()));
    }

    ChainVerification verify(List<PublicKey> trustedKeys) {
        return readOnly.execute(transaction -> {
            ChainVerifier verifier = new ChainVerifier(trustedKeys);
            cursor.query("SELECT " + StoredEvents.COLUMNS + " FROM audit.audit_event ORDER BY sequence", row -> {
                if (!verifier.broken()) {
                    long sequence = row.getLong(1);
                    Map<String, Object> document;
                    try {
                        document = document(row);
                    } catch (RuntimeException unreadable) {
                        verifier.unreadable(sequence);
                        return;
                    }
                    verifier.accept(sequence, row.getString(2), row.getString(3), document);
                }
            });
            Status status = status();
            verifier.end(status.headSequence(), status.headHash());
            return verifier.result();
        });
    }

    private Map<String, Object> document(ResultSet row) throws SQLException {
        return StoredEvents.read(row, json).document();
    }
}
