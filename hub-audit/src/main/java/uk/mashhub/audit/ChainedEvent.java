package uk.mashhub.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * An audit event in its place in the chain. Its hash commits to the previous event's hash and to
 * the canonical (RFC 8785) encoding of its {@link #document() document}:
 *
 * <pre>hash = SHA-256(previousHash ‖ canonical(document))</pre>
 *
 * where {@code previousHash} is the 32 raw bytes of the preceding event's hash (32 zero bytes for
 * sequence 1). Anyone holding the stream can recompute it.
 */
record ChainedEvent(long sequence, String previousHash, String hash, AuditEvent event) {

    static final int SCHEMA_VERSION = 1;
    static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest SHA_256 = sha256Instance();
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Chains {@code event} after the event whose hash is {@code previousHash}. */
    static ChainedEvent after(long sequence, String previousHash, AuditEvent event) {
        return new ChainedEvent(sequence, previousHash, hashOf(previousHash, document(sequence, event)), event);
    }

    /** The event as it is hashed and streamed. */
    Map<String, Object> document() {
        return document(sequence, event);
    }

    /**
     * The same, with the canonical JSON of the event's details already at hand (the log stores it
     * too), so that it is not encoded twice.
     */
    static ChainedEvent after(long sequence, String previousHash, AuditEvent event, String canonicalDetails) {
        Map<String, Object> document = document(sequence, event);
        document.put("details", new CanonicalJson.Raw(canonicalDetails));
        return new ChainedEvent(sequence, previousHash, hashOf(previousHash, document), event);
    }

    static Map<String, Object> document(long sequence, AuditEvent event) {
        Map<String, Object> document = new TreeMap<>(); // sorted: the canonical encoding writes it as it iterates
        document.put("schemaVersion", SCHEMA_VERSION);
        document.put("sequence", sequence);
        document.put("id", event.id().toString());
        document.put("type", event.type());
        document.put("actorAgency", event.actorAgency().value());
        document.put("actor", event.actor());
        document.put("occurredAt", MICROS.format(event.occurredAt()));
        document.put("details", event.details());
        return document;
    }

    /** The envelope published to the disclosure stream: the chain link and the event document. */
    Map<String, Object> envelope() {
        return new StoredEvents.Stored(sequence, previousHash, hash, event.occurredAt(), document()).envelope();
    }

    static String hashOf(String previousHash, Map<String, Object> document) {
        return hashOf(previousHash, CanonicalJson.encode(document));
    }

    static String hashOf(String previousHash, byte[] canonicalDocument) {
        MessageDigest sha256 = sha256();
        sha256.update(HEX.parseHex(previousHash));
        return HEX.formatHex(sha256.digest(canonicalDocument));
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone(); // cheaper than looking the algorithm up every time
        } catch (CloneNotSupportedException e) {
            return sha256Instance();
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    AuditReceipt receipt() {
        return new AuditReceipt(event.id(), sequence, hash);
    }
}
