package uk.mashhub.audit;

import java.security.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain in sequence order and stops at the first event that does not hold: a missing or
 * repeated sequence number (a deleted, inserted or reordered event), a previous hash that is not the
 * preceding event's hash, a hash that is not the hash of the event's own content (an edit), or a
 * checkpoint whose signature does not verify or that signs a different hash.
 *
 * <p>Feed it the events of a database copy or of the stream; it holds constant memory.
 */
final class ChainVerifier {

    private final Map<String, PublicKey> trustedKeys = new HashMap<>();
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

    /** Checks the next event; returns false once the chain is broken (later events are not checked). */
    boolean accept(long sequence, String storedPreviousHash, String storedHash, Map<String, Object> document) {
        if (failure != null) {
            return false;
        }
        if (sequence != expected) {
            return fail(
                    expected,
                    sequence > expected
                            ? "event " + expected + " is missing (the next one is " + sequence + ")"
                            : "event " + sequence + " appears again or out of order after " + (expected - 1));
        }
        if (!storedPreviousHash.equals(previousHash)) {
            return fail(sequence, "its previous hash is not the hash of event " + (sequence - 1));
        }
        String recomputed;
        try {
            recomputed = ChainedEvent.hashOf(previousHash, CanonicalJson.encode(document));
        } catch (IllegalArgumentException e) {
            return fail(sequence, "its content cannot be encoded canonically");
        }
        if (!recomputed.equals(storedHash)) {
            return fail(sequence, "its hash does not match its content");
        }
        if (CheckpointSigner.EVENT_TYPE.equals(document.get("type")) && !checkpointHolds(sequence, document)) {
            return false;
        }
        previousHash = storedHash;
        expected = sequence + 1;
        checked++;
        return true;
    }

    private boolean checkpointHolds(long sequence, Map<String, Object> document) {
        if (!(document.get("details") instanceof Map<?, ?> details)
                || !(details.get("checkpointSequence") instanceof Number signedSequence)
                || !(details.get("checkpointHash") instanceof String signedHash)
                || !(details.get("signature") instanceof String signature)
                || !(details.get("keyId") instanceof String keyId)) {
            return fail(sequence, "the checkpoint is incomplete");
        }
        if (signedSequence.longValue() != sequence - 1 || !signedHash.equals(previousHash)) {
            return fail(sequence, "the checkpoint signs a different head than the chain has");
        }
        PublicKey key = trustedKeys.get(keyId);
        if (key == null && trustEmbeddedKeys && details.get("publicKey") instanceof String embedded) {
            try {
                key = CheckpointSigner.publicKey(embedded);
            } catch (IllegalArgumentException e) {
                return fail(sequence, "the checkpoint names an unreadable key");
            }
        }
        if (key == null) {
            return fail(sequence, "the checkpoint is signed by a key that is not trusted");
        }
        if (!CheckpointSigner.verify(key, sequence - 1, previousHash, signature)) {
            return fail(sequence, "the checkpoint signature does not verify");
        }
        checkpoints++;
        return true;
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

    private boolean fail(long sequence, String problem) {
        failure = new ChainVerification(false, checked, checkpoints, expected - 1, sequence, problem);
        return false;
    }

    ChainVerification result() {
        return failure != null ? failure : new ChainVerification(true, checked, checkpoints, expected - 1, null, null);
    }
}
