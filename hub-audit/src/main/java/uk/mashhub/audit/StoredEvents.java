package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.AgencyId;

/**
 * How chained events are read back from {@code audit.audit_event}, by the verifier and the relay
 * alike: as the document that was hashed.
 *
 * <p>The {@code details} column keeps the canonical text the hub hashed ({@code json}, which stores
 * text as given), so a reader uses it as it is — no parsing, no encoding again. When the text is
 * not what was hashed (a row written while the column was {@code jsonb}, which re-spaces and
 * reorders keys, or a row edited behind the hub's back) the reader falls back to the value: it
 * parses the details and encodes them canonically, and the hash check decides.
 */
final class StoredEvents {

    /** Select list whose columns {@link #read} expects, in this order. */
    static final String COLUMNS = """
            sequence, encode(previous_hash, 'hex'), encode(hash, 'hex'), id, type, actor_agency, actor, occurred_at,
            details::text, schema_version""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private StoredEvents() {}

    /**
     * One stored event: its place in the chain, the document its hash covers, and that document's
     * canonical encoding (so that neither the verifier nor the relay encodes it again).
     */
    record Stored(
            long sequence,
            String previousHash,
            String hash,
            Instant occurredAt,
            Map<String, Object> document,
            byte[] canonical) {

        Stored(long sequence, String previousHash, String hash, Instant occurredAt, Map<String, Object> document) {
            this(sequence, previousHash, hash, occurredAt, document, CanonicalJson.encode(document));
        }

        /** The envelope published to the disclosure stream (as {@link ChainedEvent#envelope()}). */
        Map<String, Object> envelope() {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("sequence", sequence);
            envelope.put("previousHash", previousHash);
            envelope.put("hash", hash);
            envelope.put("event", new CanonicalJson.Raw(new String(canonical, StandardCharsets.UTF_8)));
            return envelope;
        }
    }

    /**
     * Reads the row under the cursor.
     *
     * @throws RuntimeException when a row that is not the hashed text cannot be read as an event
     */
    static Stored read(ResultSet row, JsonMapper json) throws SQLException {
        long sequence = row.getLong(1);
        String previousHash = row.getString(2);
        String hash = row.getString(3);
        Instant occurredAt = row.getObject(8, OffsetDateTime.class).toInstant();
        AuditEvent withoutDetails = new AuditEvent(
                row.getObject(4, UUID.class),
                row.getString(5),
                new AgencyId(row.getString(6)),
                row.getString(7),
                occurredAt,
                Map.of());
        String details = row.getString(9);
        Map<String, Object> document = ChainedEvent.document(sequence, withoutDetails);
        // the stored version, not the one this hub writes: an edit of the column breaks the hash too
        document.put("schemaVersion", row.getInt(10));
        document.put("details", new CanonicalJson.Raw(details));
        byte[] canonical = CanonicalJson.encode(document);
        boolean hashedText = ChainedEvent.hashOf(previousHash, canonical).equals(hash);
        if (hashedText && !withoutDetails.type().equals(CheckpointSigner.EVENT_TYPE)) {
            return new Stored(sequence, previousHash, hash, occurredAt, document, canonical);
        }
        // checkpoints are read for their signature; other text than the hashed one, for its value
        document.put("details", json.readValue(details, DETAILS));
        return hashedText
                ? new Stored(sequence, previousHash, hash, occurredAt, document, canonical)
                : new Stored(sequence, previousHash, hash, occurredAt, document);
    }
}
