package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a saved stream on every core. Lines are read in order and only their sequence numbers
 * looked at (duplicates skipped, gaps found); everything else — each event's hash over its content,
 * the links between events, checkpoint signatures — is checked in batches in parallel, each batch
 * by a {@link ChainVerifier} that takes up the chain where the batch starts; the links between
 * batches are checked as their results are taken in order. The answer is
 * the same as checking one event after another: the first sequence number that does not hold.
 * Memory stays bounded: at most a few batches are in flight, and 8 bytes per event (the first 64
 * bits of its hash) to check that a record delivered again is the event delivered the first time.
 */
final class StreamVerification implements AutoCloseable {

    private static final int BATCH = 4096;
    private static final TypeReference<Map<String, Object>> ENVELOPE = DisclosureRecord.ENVELOPE;

    private final List<PublicKey> keys;
    private final JsonMapper json;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService workers =
            Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
    private final Deque<Future<Batch>> inFlight = new ArrayDeque<>();
    private List<byte[]> batch = new ArrayList<>(BATCH);
    private long batchStart;
    private long highest;
    /** The hash the next batch's first event must name as its previous one. */
    private String linkedHash = ChainedEvent.GENESIS;

    private long checkpoints;
    private boolean batchFailed;
    private @Nullable ChainVerification failure;

    /**
     * The first 64 bits of each event's hash, by sequence number, in chunks the reader allocates
     * before a batch is handed out and the batch's worker fills in: a record delivered again must
     * be the same event, and at the end each repeat is compared with what the first delivery held.
     */
    private final Map<Long, long[]> fingerprints = new ConcurrentHashMap<>();

    /** A record delivered again: its sequence number and the fingerprint of the event it claims to be. */
    private record Repeat(long sequence, long fingerprint) {}

    private final List<Repeat> repeats = new ArrayList<>();

    /** The first record delivered again that is not even an event consistent with itself, if any. */
    private @Nullable ChainVerification badRepeat;

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
        long sequence = sequenceAtTheEnd(buffer, from, to);
        if (sequence < 1) {
            try {
                Map<String, Object> envelope = json.readValue(buffer, from, to - from, ENVELOPE);
                sequence = envelope.get("sequence") instanceof Number number ? number.longValue() : -1;
            } catch (RuntimeException unreadable) {
                sequence = -1;
            }
            if (sequence < 1) {
                fail(highest + 1, "its content is not a readable audit event");
                return;
            }
        }
        if (sequence <= highest) {
            repeated(sequence, java.util.Arrays.copyOfRange(buffer, from, to)); // delivered again: at least once
            return;
        }
        if (sequence != highest + 1) {
            fail(highest + 1, "event " + (highest + 1) + " is missing (the next one is " + sequence + ")");
            return;
        }
        if (batch.isEmpty()) {
            batchStart = sequence;
        }
        fingerprints.computeIfAbsent(chunk(sequence), c -> new long[CHUNK]);
        batch.add(java.util.Arrays.copyOfRange(buffer, from, to));
        highest = sequence;
        if (batch.size() == BATCH) {
            submit();
        }
    }

    private static final int CHUNK = 1 << 16;

    private static long chunk(long sequence) {
        return sequence / CHUNK;
    }

    /** The first 64 bits of a hash in hex; 0 for what is not one (its batch fails on it anyway). */
    private static long fingerprint(String hash) {
        try {
            return hash.length() == 64 ? Long.parseUnsignedLong(hash, 0, 16, 16) : 0;
        } catch (NumberFormatException notHex) {
            return 0;
        }
    }

    /**
     * A record delivered again must hash to what it claims and claim what the first delivery held;
     * the second is checked once every batch is in ({@link #result}). Reading goes on either way: a
     * bad repeat says nothing about the events after it.
     */
    private void repeated(long sequence, byte[] line) {
        String problem;
        try {
            DisclosureRecord record = DisclosureRecord.parse(line, json);
            if (fingerprint(record.hash()) != 0 && hashesTo(record)) {
                repeats.add(new Repeat(sequence, fingerprint(record.hash())));
                return;
            }
            problem = "its hash does not match its content";
        } catch (IllegalArgumentException unreadable) {
            problem = "it is not a readable audit event";
        }
        if (badRepeat == null || sequence < java.util.Objects.requireNonNull(badRepeat.firstBadSequence())) {
            badRepeat = failureAt(sequence, "event " + sequence + " arrived again and " + problem);
        }
    }

    /** Its hash over the event as it came, or (as the chain verifier allows) in canonical form. */
    private static boolean hashesTo(DisclosureRecord record) {
        return ChainedEvent.hashOf(
                                record.previousHash(), record.canonicalEvent().getBytes(StandardCharsets.UTF_8))
                        .equals(record.hash())
                || ChainedEvent.hashOf(record.previousHash(), CanonicalJson.encode(record.event()))
                        .equals(record.hash());
    }

    /** The sequence number of a record in canonical form (it ends {@code "sequence":N}}), or -1. */
    private static long sequenceAtTheEnd(byte[] buffer, int from, int to) {
        int end = to - 1;
        if (end <= from || buffer[end] != '}') {
            return -1;
        }
        long sequence = 0;
        long scale = 1;
        int i = end - 1;
        while (i > from && buffer[i] >= '0' && buffer[i] <= '9' && end - i < 18) {
            sequence += (buffer[i] - '0') * scale;
            scale *= 10;
            i--;
        }
        return i < end - 1 && i > from && buffer[i] == ':' ? sequence : -1;
    }

    /** What one batch found, and how it links to the batches around it. */
    private record Batch(ChainVerification verification, long firstSequence, String firstPrevious, String lastHash) {}

    private void submit() throws InterruptedException {
        List<byte[]> lines = batch;
        long start = batchStart;
        batch = new ArrayList<>(BATCH);
        inFlight.add(workers.submit(() -> verify(lines, start)));
        while (inFlight.size() > 2 * threads) {
            fold(inFlight.poll());
        }
    }

    /** Verifies a batch taking its first previous hash on trust; {@link #fold} checks that link. */
    private Batch verify(List<byte[]> lines, long start) {
        ChainVerifier verifier = null;
        String firstPrevious = "";
        String lastHash = "";
        long sequenceOfLine = start;
        for (byte[] line : lines) {
            DisclosureRecord.Raw raw = DisclosureRecord.Raw.of(line, 0, line.length);
            Map<String, Object> envelope = raw == null ? json.readValue(line, ENVELOPE) : Map.of();
            String previous = raw != null ? raw.previousHash() : String.valueOf(envelope.get("previousHash"));
            lastHash = raw != null ? raw.hash() : String.valueOf(envelope.get("hash"));
            fingerprints.get(chunk(sequenceOfLine))[(int) (sequenceOfLine % CHUNK)] = fingerprint(lastHash);
            sequenceOfLine++;
            if (verifier == null) {
                verifier = ChainVerifier.continuing(keys, start, previous);
                firstPrevious = previous;
            }
            if (raw != null && verifier.holdsAsIs(raw)) {
                continue;
            }
            if (raw != null) {
                envelope = json.readValue(line, ENVELOPE);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) envelope.get("event");
            if (!(envelope.get("sequence") instanceof Number sequence)
                    || !(envelope.get("previousHash") instanceof String claimedPrevious)
                    || !(envelope.get("hash") instanceof String claimedHash)
                    || event == null) {
                verifier.unreadable(verifier.expected());
                break;
            }
            if (!verifier.accept(sequence.longValue(), claimedPrevious, claimedHash, event)) {
                break;
            }
        }
        return new Batch(java.util.Objects.requireNonNull(verifier).result(), start, firstPrevious, lastHash);
    }

    private void fold(@Nullable Future<Batch> next) throws InterruptedException {
        if (next == null) {
            return;
        }
        Batch batch;
        try {
            batch = next.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a verifying worker failed", e.getCause());
        }
        if (batchFailed) {
            return; // batches are folded in order: what comes after the first bad event says nothing more
        }
        if (!batch.firstPrevious().equals(linkedHash)) {
            batchFailed = true;
            failure = new ChainVerification(
                    false,
                    0,
                    checkpoints,
                    batch.firstSequence() - 1,
                    batch.firstSequence(),
                    "its previous hash is not the hash of event " + (batch.firstSequence() - 1));
            return;
        }
        ChainVerification result = batch.verification();
        checkpoints += result.checkpointsVerified();
        linkedHash = batch.lastHash();
        if (!result.intact()) {
            batchFailed = true; // earlier than any break found while reading, which stopped the reading
            failure = new ChainVerification(
                    false, 0, checkpoints, result.lastGoodSequence(), result.firstBadSequence(), result.problem());
        }
    }

    private void fail(long sequence, String problem) {
        failure = failureAt(sequence, problem);
    }

    private static ChainVerification failureAt(long sequence, String problem) {
        return new ChainVerification(false, 0, 0, sequence - 1, sequence, problem);
    }

    /** Waits for every batch and gives the answer: the first sequence number that does not hold. */
    ChainVerification result() throws InterruptedException {
        if (!batch.isEmpty()) {
            submit(); // the lines read before a break found while reading are checked too: one may be earlier
        }
        while (!inFlight.isEmpty()) {
            fold(inFlight.poll());
        }
        ChainVerification first = failure;
        if (badRepeat != null && (first == null || earlier(badRepeat, first))) {
            first = badRepeat;
        }
        long before = first == null ? Long.MAX_VALUE : java.util.Objects.requireNonNull(first.firstBadSequence());
        var differs = repeats.stream()
                .filter(repeat -> repeat.sequence() < before)
                .filter(repeat -> fingerprints.get(chunk(repeat.sequence()))[(int) (repeat.sequence() % CHUNK)]
                        != repeat.fingerprint())
                .mapToLong(Repeat::sequence)
                .min();
        if (differs.isPresent()) {
            long sequence = differs.getAsLong();
            first = failureAt(sequence, "event " + sequence + " arrived again with other content than the first time");
        }
        if (first != null && first.firstBadSequence() != null) {
            long bad = first.firstBadSequence();
            return new ChainVerification(false, bad - 1, checkpoints, bad - 1, bad, first.problem());
        }
        return new ChainVerification(true, highest, checkpoints, highest, null, null);
    }

    private static boolean earlier(ChainVerification one, ChainVerification other) {
        return java.util.Objects.requireNonNull(one.firstBadSequence())
                < java.util.Objects.requireNonNull(other.firstBadSequence());
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
