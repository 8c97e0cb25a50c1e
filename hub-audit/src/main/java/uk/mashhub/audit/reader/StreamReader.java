package uk.mashhub.audit.reader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.ChainVerifier;
import uk.mashhub.audit.DisclosureRecord;
import uk.mashhub.kernel.WorkerThread;

/**
 * Builds the auditor read model from the disclosure stream: a Kafka consumer (group {@code
 * hub.audit.reader.group-id}, {@code read_committed}) that verifies every event against the chain
 * and the signed checkpoints before it applies it, in sequence order.
 *
 * <ul>
 *   <li><b>Duplicates</b> (at-least-once delivery): a sequence number already applied is skipped —
 *       after checking that the copy says what the applied event says; a copy that differs is a
 *       break.
 *   <li><b>Out of order</b>: a later sequence number is held (up to {@code reorder-window} events)
 *       until the missing one arrives; while it has not, the gap is reported.
 *   <li><b>Break</b>: an event that does not verify (edited, forged, wrong checkpoint) is not
 *       applied and is reported; a good copy arriving later (a replay) is applied.
 * </ul>
 *
 * The position in the chain and the topic offset are stored with the events in one transaction, so a
 * restarted consumer resumes exactly where the read model ends.
 */
public final class StreamReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);

    private final ReadModel readModel;
    private final KafkaProperties kafka;
    private final String topic;
    private final ReaderProperties properties;
    private final Collection<PublicKey> trustedKeys;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter duplicates;
    private final Counter breaks;
    private final Counter applied;

    private volatile boolean running;
    private volatile boolean consuming;
    private final WorkerThread thread = new WorkerThread("audit-reader");
    private volatile ReadModel.@Nullable Position position;
    private volatile ReadModelStatus.@Nullable Gap gap;
    private volatile ReadModelStatus.@Nullable Break chainBreak;
    private volatile @Nullable String lastFailure;
    private volatile long unreadable;
    private Instant lastRetention = Instant.EPOCH;

    StreamReader(
            ReadModel readModel,
            KafkaProperties kafka,
            String topic,
            ReaderProperties properties,
            Collection<PublicKey> trustedKeys,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.readModel = readModel;
        this.kafka = kafka;
        this.topic = topic;
        this.properties = properties;
        this.trustedKeys = List.copyOf(trustedKeys);
        this.json = json;
        this.clock = clock;
        this.duplicates = Counter.builder("hub.audit.reader.duplicates")
                .description("Disclosure records skipped because their sequence number was applied already")
                .register(meters);
        this.breaks = Counter.builder("hub.audit.reader.breaks")
                .description("Disclosure records that did not verify against the chain (not applied)")
                .register(meters);
        this.applied = Counter.builder("hub.audit.reader.applied")
                .description("Audit events applied to the auditor read model")
                .register(meters);
        Gauge.builder("hub.audit.reader.position", this, reader -> {
                    try {
                        return reader.status().position();
                    } catch (RuntimeException unavailable) {
                        return Double.NaN;
                    }
                })
                .description("The last sequence number in the auditor read model")
                .register(meters);
        Gauge.builder("hub.audit.reader.gap", this, reader -> reader.gap == null ? 0 : 1)
                .description("1 while a sequence number is missing from the stream and later ones are held back")
                .register(meters);
        Gauge.builder("hub.audit.reader.broken", this, reader -> reader.chainBreak == null ? 0 : 1)
                .description("1 while the next event of the stream does not verify against the chain")
                .register(meters);
    }

    /** What the read model holds and whether it is whole. */
    public ReadModelStatus status() {
        ReadModel.Position known = position;
        if (known == null || !consuming) {
            known = readModel.position(); // another instance of the group may be the one consuming
        }
        return new ReadModelStatus(
                consuming,
                known.sequence(),
                known.hash(),
                (long) applied.count(),
                (long) duplicates.count(),
                gap,
                chainBreak,
                unreadable,
                lastFailure);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        thread.start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        thread.awaitEnd(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return uk.mashhub.kernel.WorkerPhase.BEFORE_THE_WEB_SERVER;
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (RuntimeException failure) {
                if (!running) {
                    break;
                }
                lastFailure = failure.getClass().getSimpleName();
                log.warn("Auditor read model: consuming failed ({}); resuming from its stored position", lastFailure);
                sleep(Duration.ofSeconds(1));
            } finally {
                consuming = false;
            }
        }
    }

    /**
     * One session: from the stored position until stopped or until something fails. Verifying a poll
     * overlaps with writing the previous one (one writer, in order, at most two polls in flight); a
     * failed write ends the session, and the next one starts again from what the database holds.
     */
    private void consume() {
        ReadModel.Position start = readModel.position();
        position = start;
        Session session = new Session(ChainVerifier.resumingAfter(start.sequence(), start.hash(), trustedKeys));
        ExecutorService writer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("audit-reader-writer").daemon().factory());
        Deque<Future<Long>> writing = new ArrayDeque<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // the position lives in the read model's database, not in Kafka: finish what is
                    // being written before the partition goes to another instance
                    while (!writing.isEmpty()) {
                        written(writing.poll());
                    }
                    consuming = false;
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    consuming = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (partitions.isEmpty()) {
                        return; // an incremental rebalance that brought nothing new
                    }
                    while (!writing.isEmpty()) {
                        written(writing.poll());
                    }
                    long offset = readModel.position().nextOffset();
                    partitions.forEach(partition -> consumer.seek(partition, offset));
                    session.reset();
                    consuming = true;
                }
            });
            long committed = -1;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(properties.pollTimeout());
                consuming = !consumer.assignment().isEmpty();
                for (TopicPartition partition : records.partitions()) {
                    session.take(records.records(partition));
                    long next = session.nextOffset;
                    if (!session.ready.isEmpty() || next != session.handedOver) {
                        List<DisclosureRecord> batch = List.copyOf(session.ready);
                        session.handOver(batch, next);
                        writing.add(writer.submit(() -> write(batch, next)));
                    }
                    if (session.rewindTo >= 0) {
                        consumer.seek(partition, session.rewindTo); // read again what did not fit in the window
                        session.rewindTo = -1;
                        sleep(properties.pollTimeout()); // the window is full: give the missing event time
                    }
                    while (writing.size() > 2
                            || (!writing.isEmpty() && writing.peek().isDone())) {
                        long offset = written(writing.poll());
                        if (offset > committed) {
                            committed = offset;
                            consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(offset)), null);
                        }
                    }
                }
                retentionIfDue();
            }
            while (!writing.isEmpty()) {
                written(writing.poll());
            }
        } finally {
            writer.shutdown();
            try {
                writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Applies one verified batch and moves the position: on the writer thread, in order. */
    private long write(List<DisclosureRecord> batch, long nextOffset) {
        ReadModel.Position before = java.util.Objects.requireNonNull(position);
        readModel.apply(batch, nextOffset);
        applied.increment(batch.size());
        position = batch.isEmpty()
                ? new ReadModel.Position(before.sequence(), before.hash(), nextOffset)
                : new ReadModel.Position(
                        batch.getLast().sequence(), batch.getLast().hash(), nextOffset);
        return nextOffset;
    }

    /** Waits for a write; a failed one ends the session. */
    private static long written(@Nullable Future<Long> write) {
        if (write == null) {
            return -1;
        }
        try {
            return write.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IllegalStateException("writing the read model failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the read model", e);
        }
    }

    private void retentionIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastRetention, now)
                        .compareTo(properties.retention().checkEvery())
                >= 0) {
            lastRetention = now;
            long removed = readModel.applyRetention(properties.retention(), now);
            if (removed > 0) {
                log.info("Auditor read model: retention removed {} events", removed);
            }
        }
    }

    /** Runs retention as of {@code now} (operators and tests); returns how many events it removed. */
    public long applyRetentionAsOf(Instant now) {
        return readModel.applyRetention(properties.retention(), now);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // a poll of up to 5,000 records of ~1 kB each: one read model transaction per poll, not per megabyte
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "mash-hub-audit-reader");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The verifying state of one consuming session. */
    private final class Session {

        private ChainVerifier verifier;
        private final TreeMap<Long, Held> held = new TreeMap<>();
        final List<DisclosureRecord> ready = new ArrayList<>();
        /** What was handed to the writer lately: repeated events are compared with it before the database has it. */
        private final Deque<List<DisclosureRecord>> recent = new ArrayDeque<>();

        long nextOffset;
        long handedOver;
        long rewindTo = -1;

        private record Held(DisclosureRecord record, long offset) {}

        Session(ChainVerifier verifier) {
            this.verifier = verifier;
            this.nextOffset = readModel.position().nextOffset();
            this.handedOver = nextOffset;
        }

        /**
         * Starts again from what the database holds: on every assignment of the partition, since
         * another instance of the group may have applied events while this one did not consume.
         */
        void reset() {
            held.clear();
            ready.clear();
            recent.clear();
            rewindTo = -1;
            ReadModel.Position stored = readModel.position();
            position = stored;
            verifier = ChainVerifier.resumingAfter(stored.sequence(), stored.hash(), trustedKeys);
            nextOffset = stored.nextOffset();
            handedOver = nextOffset;
            gap = null;
        }

        void handOver(List<DisclosureRecord> batch, long offset) {
            ready.clear();
            handedOver = offset;
            recent.add(batch);
            while (recent.size() > 4) {
                recent.poll();
            }
        }

        void take(List<ConsumerRecord<String, byte[]>> records) {
            Map<Long, DisclosureRecord> repeated = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (rewindTo >= 0) {
                    break; // read again from there once the window has room
                }
                DisclosureRecord next;
                try {
                    next = DisclosureRecord.parse(record.value(), json);
                } catch (IllegalArgumentException e) {
                    unreadable++;
                    log.warn("Auditor read model: the record at offset {} is not a disclosure record", record.offset());
                    advanceOffset(record.offset());
                    continue;
                }
                if (next.sequence() < verifier.expected()) {
                    repeated.put(next.sequence(), next);
                } else if (next.sequence() == verifier.expected()) {
                    accept(next);
                    while (!held.isEmpty() && held.firstKey() == verifier.expected()) {
                        accept(held.pollFirstEntry().getValue().record());
                    }
                } else if (held.size() < properties.reorderWindow()) {
                    held.putIfAbsent(next.sequence(), new Held(next, record.offset()));
                } else {
                    rewindTo = record.offset();
                }
                advanceOffset(record.offset());
                noteGap();
            }
            checkRepeated(repeated);
        }

        private void accept(DisclosureRecord next) {
            String problem = verifier.problemWith(next);
            if (problem != null) {
                broken(next.sequence(), problem);
                return;
            }
            verifier.advance(next);
            ready.add(next);
            ReadModelStatus.Break known = chainBreak;
            if (known != null && known.sequence() == next.sequence()) {
                chainBreak = null; // a good copy of the event that did not verify arrived
            }
        }

        private void broken(long sequence, String problem) {
            ReadModelStatus.Break known = chainBreak;
            if (known == null
                    || known.sequence() != sequence
                    || !known.problem().equals(problem)) {
                chainBreak = new ReadModelStatus.Break(sequence, problem, clock.instant());
                log.warn("Auditor read model: event {} does not verify: {}", sequence, problem);
            }
            breaks.increment();
        }

        /** Everything before this offset is applied, a duplicate, or unreadable, unless events are held. */
        private void advanceOffset(long offset) {
            if (held.isEmpty() && rewindTo < 0) {
                nextOffset = offset + 1;
            }
        }

        private void noteGap() {
            if (held.isEmpty()) {
                gap = null;
                return;
            }
            ReadModelStatus.Gap known = gap;
            if (known == null || known.missing() != verifier.expected()) {
                gap = new ReadModelStatus.Gap(verifier.expected(), held.firstKey(), held.size(), clock.instant());
            } else if (known.held() != held.size()) {
                gap = new ReadModelStatus.Gap(known.missing(), held.firstKey(), held.size(), known.since());
            }
        }

        /** A repeated event must say exactly what the applied one says. */
        private void checkRepeated(Map<Long, DisclosureRecord> repeated) {
            if (repeated.isEmpty()) {
                return;
            }
            Map<Long, DisclosureRecord> inReadModel = new HashMap<>();
            for (DisclosureRecord candidate : ready) {
                inReadModel.put(candidate.sequence(), candidate);
            }
            for (List<DisclosureRecord> handed : recent) {
                for (DisclosureRecord candidate : handed) {
                    inReadModel.put(candidate.sequence(), candidate);
                }
            }
            List<Long> stored = repeated.keySet().stream()
                    .filter(s -> !inReadModel.containsKey(s))
                    .toList();
            Map<Long, String[]> applied = new HashMap<>();
            if (!stored.isEmpty()) {
                readModel
                        .jdbc()
                        .query(
                                "SELECT sequence, encode(hash, 'hex'), document FROM audit_read.event WHERE sequence = ANY(?)",
                                row -> {
                                    applied.put(row.getLong(1), new String[] {row.getString(2), row.getString(3)});
                                },
                                (Object) stored.toArray(Long[]::new));
            }
            for (DisclosureRecord copy : repeated.values()) {
                DisclosureRecord same = inReadModel.get(copy.sequence());
                String[] original =
                        same != null ? new String[] {same.hash(), same.canonicalEvent()} : applied.get(copy.sequence());
                if (original != null
                        && (!original[0].equals(copy.hash()) || !original[1].equals(copy.canonicalEvent()))) {
                    broken(copy.sequence(), "it arrived again with different content than the event applied");
                } else {
                    duplicates.increment();
                }
            }
        }
    }
}
