package uk.mashhub.audit;

import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a saved stream on every core. The links between events (sequence numbers without gaps,
 * each previous hash equal to the hash before it) are checked in order as lines are read; the hash
 * of each event over its content — the expensive part — is checked in batches in parallel, each
 * batch by a {@link ChainVerifier} that takes up the chain where the batch starts. The answer is
 * the same as checking one event after another: the first sequence number that does not hold.
 * Memory stays bounded: at most a few batches are in flight.
 */
final class StreamVerification implements AutoCloseable {

    private static final int BATCH = 4096;
    private static final TypeReference<Map<String, Object>> ENVELOPE = new TypeReference<>() {};

    private final List<PublicKey> keys;
    private final JsonMapper json;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService workers =
            Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
    private final Deque<Future<ChainVerification>> inFlight = new ArrayDeque<>();
    private List<byte[]> batch = new ArrayList<>(BATCH);
    private long batchStart;
    private String batchPrevious = ChainedEvent.GENESIS;
    private long highest;
    private String lastHash = ChainedEvent.GENESIS;
    private long checkpoints;
    private boolean batchFailed;
    private @Nullable ChainVerification failure;

    StreamVerification(List<PublicKey> keys, JsonMapper json) {
        this.keys = List.copyOf(keys);
        this.json = json;
    }

    /** Whether a problem has been found (lines after it need not be read). */
    boolean broken() {
        return failure != null;
    }

    /** Takes the next line (without its line break). */
    void line(byte[] buffer, int from, int to) throws InterruptedException {
        if (failure != null || to == from) {
            return;
        }
        long sequence;
        String previous;
        String hash;
        DisclosureRecord.Raw raw = DisclosureRecord.Raw.of(buffer, from, to);
        if (raw != null) {
            sequence = raw.sequence();
            previous = raw.previousHash();
            hash = raw.hash();
        } else {
            Map<String, Object> envelope;
            try {
                envelope = json.readValue(buffer, from, to - from, ENVELOPE);
            } catch (RuntimeException unreadable) {
                fail(highest + 1, "its content is not a readable audit event");
                return;
            }
            if (!(envelope.get("sequence") instanceof Number number)
                    || !(envelope.get("previousHash") instanceof String claimedPrevious)
                    || !(envelope.get("hash") instanceof String claimedHash)) {
                fail(highest + 1, "its content is not a readable audit event");
                return;
            }
            sequence = number.longValue();
            previous = claimedPrevious;
            hash = claimedHash;
        }
        if (sequence <= highest) {
            return; // delivered again: at least once
        }
        if (sequence != highest + 1) {
            fail(highest + 1, "event " + (highest + 1) + " is missing (the next one is " + sequence + ")");
            return;
        }
        if (!previous.equals(lastHash)) {
            fail(sequence, "its previous hash is not the hash of event " + (sequence - 1));
            return;
        }
        if (batch.isEmpty()) {
            batchStart = sequence;
            batchPrevious = previous;
        }
        batch.add(java.util.Arrays.copyOfRange(buffer, from, to));
        highest = sequence;
        lastHash = hash;
        if (batch.size() == BATCH) {
            submit();
        }
    }

    private void submit() throws InterruptedException {
        List<byte[]> lines = batch;
        long start = batchStart;
        String previous = batchPrevious;
        batch = new ArrayList<>(BATCH);
        inFlight.add(workers.submit(() -> verify(lines, start, previous)));
        while (inFlight.size() > 2 * threads) {
            fold(inFlight.poll());
        }
    }

    private ChainVerification verify(List<byte[]> lines, long start, String previous) {
        ChainVerifier verifier = ChainVerifier.continuing(keys, start, previous);
        for (byte[] line : lines) {
            DisclosureRecord.Raw raw = DisclosureRecord.Raw.of(line, 0, line.length);
            if (raw != null && verifier.holdsAsIs(raw)) {
                continue;
            }
            Map<String, Object> envelope = json.readValue(line, ENVELOPE);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) envelope.get("event");
            if (!verifier.accept(
                    ((Number) envelope.get("sequence")).longValue(),
                    (String) envelope.get("previousHash"),
                    (String) envelope.get("hash"),
                    event)) {
                break;
            }
        }
        return verifier.result();
    }

    private void fold(@Nullable Future<ChainVerification> next) throws InterruptedException {
        if (next == null) {
            return;
        }
        ChainVerification result;
        try {
            result = next.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a verifying worker failed", e.getCause());
        }
        if (batchFailed) {
            return; // batches are folded in order: what comes after the first bad event says nothing more
        }
        checkpoints += result.checkpointsVerified();
        if (!result.intact()) {
            batchFailed = true; // earlier than any break found while reading, which stopped the reading
            failure = new ChainVerification(
                    false, 0, checkpoints, result.lastGoodSequence(), result.firstBadSequence(), result.problem());
        }
    }

    private void fail(long sequence, String problem) {
        failure = new ChainVerification(false, 0, 0, sequence - 1, sequence, problem);
    }

    /** Waits for every batch and gives the answer. */
    ChainVerification result() throws InterruptedException {
        if (!batch.isEmpty() && failure == null) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            fold(inFlight.poll());
        }
        ChainVerification found = failure;
        if (found != null && found.firstBadSequence() != null) {
            long bad = found.firstBadSequence();
            return new ChainVerification(false, bad - 1, checkpoints, bad - 1, bad, found.problem());
        }
        return new ChainVerification(true, highest, checkpoints, highest, null, null);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
