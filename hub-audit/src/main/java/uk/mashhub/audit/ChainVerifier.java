package uk.mashhub.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain in sequence order and stops at the first event that does not hold: a missing or
 * repeated sequence number (a deleted, inserted or reordered event), a previous hash that is not the
 * preceding event's hash, a hash that is not the hash of the event's own content (an edit), or a
 * checkpoint whose signature does not verify or that signs a different hash.
 *
 * <p>Feed it the events of a database copy or of the stream; it holds constant memory. A consumer
 * that keeps its own copy (the auditor read model) resumes it where its copy ends and asks, event
 * by event, {@link #problemWith(DisclosureRecord)} before it {@link #advance(DisclosureRecord)}s.
 */
public final class ChainVerifier {

    private final Map<String, PublicKey> trustedKeys = new HashMap<>();
    private final MessageDigest digest = sha256();
    /** {@link #previousHash} as bytes when the fast path computed it, else null. */
    private byte @Nullable [] previousDigest;

    private final boolean trustEmbeddedKeys;
    private long expected = 1;
    private String previousHash = ChainedEvent.GENESIS;
    private long checked;
    private long checkpoints;
    private @Nullable ChainVerification failure;

    /**
     * @param trustedKeys the checkpoint public keys to trust; when empty, a checkpoint is checked
     *     against the key it names (proves integrity, not who signed)
     */
    ChainVerifier(Collection<PublicKey> trustedKeys) {
        trustedKeys.forEach(key -> this.trustedKeys.put(CheckpointSigner.keyId(key), key));
        this.trustEmbeddedKeys = trustedKeys.isEmpty();
    }

    /**
     * A verifier that continues a chain already verified up to {@code sequence}, whose hash is
     * {@code hash} (sequence 0 and {@link #GENESIS} for the start).
     *
     * @param trustedKeys the checkpoint public keys to trust (at least one)
     */
    public static ChainVerifier resumingAfter(long sequence, String hash, Collection<PublicKey> trustedKeys) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("a consumer of the stream must trust at least one checkpoint key");
        }
        return continuing(trustedKeys, sequence + 1, hash);
    }

    /** A verifier that takes up the chain at {@code nextSequence}, after an event whose hash is {@code previousHash}. */
    static ChainVerifier continuing(Collection<PublicKey> trustedKeys, long nextSequence, String previousHash) {
        ChainVerifier verifier = new ChainVerifier(trustedKeys);
        verifier.expected = nextSequence;
        verifier.previousHash = previousHash;
        return verifier;
    }

    /** The hash before the first event. */
    public static final String GENESIS = ChainedEvent.GENESIS;

    /** Reads an Ed25519 public key in X.509 PEM (or its bare base64), to trust for checkpoints. */
    public static PublicKey trustedKey(String pem) {
        return CheckpointSigner.publicKey(
                pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** Checks the next event; returns false once the chain is broken (later events are not checked). */
    boolean accept(long sequence, String storedPreviousHash, String storedHash, Map<String, Object> document) {
        if (failure != null) {
            return false;
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(document);
        } catch (IllegalArgumentException e) {
            return fail(expected, "its content cannot be encoded canonically");
        }
        return accept(sequence, storedPreviousHash, storedHash, canonical, document);
    }

    /** The same, for an event read with its canonical encoding already at hand ({@link StoredEvents}). */
    boolean accept(StoredEvents.Stored event) {
        return accept(event.sequence(), event.previousHash(), event.hash(), event.canonical(), event.document());
    }

    private boolean accept(
            long sequence,
            String storedPreviousHash,
            String storedHash,
            byte[] canonical,
            Map<String, Object> document) {
        if (failure != null) {
            return false;
        }
        String problem = problemWith(sequence, storedPreviousHash, storedHash, canonical, document);
        if (problem != null) {
            return fail(expected, problem); // every problem is with the event that should have come next
        }
        advance(sequence, storedHash, document);
        return true;
    }

    /**
     * What is wrong with {@code next} as the next event of the chain, or null when it holds. Does
     * not move the verifier on: a consumer may be offered a good copy of the same event later.
     */
    public @Nullable String problemWith(DisclosureRecord next) {
        return problemWith(
                next.sequence(),
                next.previousHash(),
                next.hash(),
                next.canonicalEvent().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                next.event());
    }

    /**
     * The fast path for a record in canonical form: whether it holds by its bytes as they stand —
     * the next sequence number, the previous hash, and a hash over exactly those bytes. Moves the
     * verifier on when it does. A checkpoint, or anything that does not hold this way, answers
     * false and must go through {@link #problemWith(DisclosureRecord)}: a false here is not a break.
     */
    public boolean holdsAsIs(DisclosureRecord.Raw next) {
        if (failure != null
                || next.sequence() != expected
                || next.checkpoint()
                || !next.previousHash().equals(previousHash)) {
            return false;
        }
        byte[] previous =
                previousDigest != null ? previousDigest : HexFormat.of().parseHex(previousHash);
        digest.update(previous);
        digest.update(next.buffer(), next.eventStart(), next.eventEnd() - next.eventStart());
        byte[] computed = digest.digest();
        if (!MessageDigest.isEqual(computed, HexFormat.of().parseHex(next.hash()))) {
            return false;
        }
        previousDigest = computed; // the next event's previous hash, as bytes
        previousHash = next.hash();
        expected = next.sequence() + 1;
        checked++;
        return true;
    }

    /** Moves on past {@code next}, which {@link #problemWith(DisclosureRecord)} found good. */
    public void advance(DisclosureRecord next) {
        advance(next.sequence(), next.hash(), next.event());
    }

    /** The sequence number the next event must have. */
    public long expected() {
        return expected;
    }

    private void advance(long sequence, String hash, Map<String, Object> document) {
        if (CheckpointSigner.EVENT_TYPE.equals(document.get("type"))) {
            checkpoints++;
        }
        previousDigest = null;
        previousHash = hash;
        expected = sequence + 1;
        checked++;
    }

    private @Nullable String problemWith(
            long sequence,
            String storedPreviousHash,
            String storedHash,
            byte[] canonical,
            Map<String, Object> document) {
        if (sequence != expected) {
            return sequence > expected
                    ? "event " + expected + " is missing (the next one is " + sequence + ")"
                    : "event " + sequence + " appears again or out of order after " + (expected - 1);
        }
        if (!storedPreviousHash.equals(previousHash)) {
            return "its previous hash is not the hash of event " + (sequence - 1);
        }
        if (!ChainedEvent.hashOf(previousHash, canonical).equals(storedHash)
                && !ChainedEvent.hashOf(previousHash, CanonicalJson.encode(document))
                        .equals(storedHash)) {
            // the bytes as they came, and (if they were not canonical) their canonical form
            return "its hash does not match its content";
        }
        if (CheckpointSigner.EVENT_TYPE.equals(document.get("type"))) {
            return checkpointProblem(sequence, document);
        }
        return null;
    }

    private @Nullable String checkpointProblem(long sequence, Map<String, Object> document) {
        if (!(document.get("details") instanceof Map<?, ?> details)
                || !(details.get("checkpointSequence") instanceof Number signedSequence)
                || !(details.get("checkpointHash") instanceof String signedHash)
                || !(details.get("signature") instanceof String signature)
                || !(details.get("keyId") instanceof String keyId)) {
            return "the checkpoint is incomplete";
        }
        if (signedSequence.longValue() != sequence - 1 || !signedHash.equals(previousHash)) {
            return "the checkpoint signs a different head than the chain has";
        }
        PublicKey key = trustedKeys.get(keyId);
        if (key == null && trustEmbeddedKeys && details.get("publicKey") instanceof String embedded) {
            try {
                key = CheckpointSigner.publicKey(embedded);
            } catch (IllegalArgumentException e) {
                return "the checkpoint names an unreadable key";
            }
        }
        if (key == null) {
            return "the checkpoint is signed by a key that is not trusted";
        }
        if (!CheckpointSigner.verify(key, sequence - 1, previousHash, signature)) {
            return "the checkpoint signature does not verify";
        }
        return null;
    }

    /** Checks that the chain ends where its head says it does (catches events cut off the end). */
    boolean end(long headSequence, String headHash) {
        if (failure != null) {
            return false;
        }
        if (headSequence != expected - 1) {
            return fail(
                    Math.min(headSequence, expected - 1) + 1,
                    "the chain head says " + headSequence + " events, the log has " + (expected - 1));
        }
        if (!headHash.equals(previousHash)) {
            return fail(headSequence, "the chain head's hash is not the hash of the last event");
        }
        return true;
    }

    /** Records that the event with {@code sequence} could not even be read as an event. */
    void unreadable(long sequence) {
        if (failure == null) {
            fail(sequence == expected ? sequence : expected, "its content is not a readable audit event");
        }
    }

    boolean broken() {
        return failure != null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private boolean fail(long sequence, String problem) {
        failure = new ChainVerification(false, checked, checkpoints, expected - 1, sequence, problem);
        return false;
    }

    ChainVerification result() {
        return failure != null ? failure : new ChainVerification(true, checked, checkpoints, expected - 1, null, null);
    }
}
