package uk.mashhub.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.WorkerThread;

/**
 * Relays the audit log to the disclosure stream, in sequence order, at least once.
 *
 * <p>One hub instance relays at a time: the one holding a PostgreSQL advisory lock on its own
 * connection; when it dies its connection closes, the lock is released and another instance takes
 * over. Each round reads the events after {@code audit.relay_position}, sends them in one Kafka
 * transaction (key {@code hub}, so the one chain stays in one partition and in order), and moves
 * the position only after the transaction committed. A failed round is aborted and retried from
 * the position, so a {@code read_committed} consumer sees the log in order; a round that committed
 * but whose position was not saved is sent again, so events can arrive twice — consumers
 * de-duplicate by sequence number — but never not at all, and a hub killed in the middle resumes
 * where the position says. The transactional id fences a former leader's producer.
 *
 * <p>The leader also appends a signed checkpoint every configured interval, unless the chain has
 * not moved since the last one.
 */
@Component
public class DisclosureRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DisclosureRelay.class);
    private static final long LEADER_LOCK = 0x6d6173685f687562L; // "mash_hub"
    private static final String KEY = "hub";
    private static final int HAND_OVER_AFTER = 3;

    private final DataSource dataSource;
    private final JsonMapper json;
    private final KafkaProperties kafka;
    private final DisclosureStreamProperties stream;
    private final RelayProperties properties;
    private final ChainProperties chain;
    private final AuditLog auditLog;
    private final AuditChain auditChain;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Timer delay;

    private volatile boolean running;
    private final WorkerThread thread = new WorkerThread("audit-relay");
    private volatile boolean leader;
    private volatile @Nullable String lastFailure;
    private volatile long relayed;
    private int failuresInARow;
    private @Nullable Connection leaderConnection;
    private @Nullable KafkaProducer<String, byte[]> producer;
    private Instant lastCheckpoint;

    DisclosureRelay(
            DataSource dataSource,
            JsonMapper json,
            KafkaProperties kafka,
            DisclosureStreamProperties stream,
            RelayProperties properties,
            ChainProperties chain,
            AuditLog auditLog,
            AuditChain auditChain,
            PlatformTransactionManager transactions,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        this.dataSource = dataSource;
        this.json = json;
        this.kafka = kafka;
        this.stream = stream;
        this.properties = properties;
        this.chain = chain;
        this.auditLog = auditLog;
        this.auditChain = auditChain;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.lastCheckpoint = this.clock.instant();
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.delay = Timer.builder("hub.audit.relay.delay")
                .description("Time from an audit event to the broker's acknowledgement of it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        Gauge.builder("hub.audit.relay.lag", this, DisclosureRelay::lagOrNaN)
                .description("Audit events committed but not yet acknowledged by the disclosure stream")
                .register(registry);
    }

    /** What the relay is doing, for readiness. */
    public record State(
            boolean leader,
            long relayedByThisInstance,
            @Nullable String lastFailure) {}

    public State state() {
        return new State(leader, relayed, lastFailure);
    }

    /** The relay's delay timer (time from event to broker acknowledgement). */
    public Timer delay() {
        return delay;
    }

    private double lagOrNaN() {
        try {
            return auditChain.status().relayLag();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
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
        thread.awaitEnd(true);
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
                if (!leader && !becomeLeader()) {
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                int sent = relayRound();
                lastFailure = null;
                failuresInARow = 0;
                checkpointIfDue();
                if (sent < properties.batchSize()) {
                    // caught up: let events gather, so that a busy hub sends fewer, fuller transactions
                    pause(properties.idleWait());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception failure) {
                if (!running) {
                    break;
                }
                lastFailure = failure.getClass().getSimpleName();
                log.warn("Audit relay round failed ({}); events stay in PostgreSQL and are sent again", lastFailure);
                resetProducer();
                failuresInARow++;
                if (failure instanceof SQLException || failuresInARow >= HAND_OVER_AFTER) {
                    // another instance may reach the broker (or the database) where this one cannot
                    resign();
                    failuresInARow = 0;
                } else {
                    checkpointWithoutTheStream();
                }
                try {
                    pause(properties.retryWait());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        resetProducer();
        resign();
    }

    private boolean becomeLeader() throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean locked = false;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LEADER_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                locked = result.next() && result.getBoolean(1);
            }
        } finally {
            if (!locked) {
                connection.close();
            }
        }
        if (locked) {
            connection.setAutoCommit(true);
            leaderConnection = connection;
            leader = true;
            log.info("This hub instance now relays the audit log to {}", stream.topic());
        }
        return locked;
    }

    private void resign() {
        Connection connection = leaderConnection;
        leaderConnection = null;
        leader = false;
        if (connection != null) {
            try {
                connection.close(); // closing the session releases the advisory lock
            } catch (SQLException ignored) {
                // the connection is gone already, and so is the lock
            }
        }
    }

    private int relayRound() throws Exception {
        Connection connection = java.util.Objects.requireNonNull(leaderConnection);
        long position;
        try (PreparedStatement read =
                        connection.prepareStatement("SELECT sequence FROM audit.relay_position WHERE id = 1");
                ResultSet result = read.executeQuery()) {
            result.next();
            position = result.getLong(1);
        }
        List<StoredEvents.Stored> events = new ArrayList<>(properties.batchSize());
        try (PreparedStatement read = connection.prepareStatement("SELECT " + StoredEvents.COLUMNS
                + " FROM audit.audit_event WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
            read.setLong(1, position);
            read.setInt(2, properties.batchSize());
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    events.add(StoredEvents.read(rows, json));
                }
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, byte[]> sender = producer();
        sender.beginTransaction();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (StoredEvents.Stored event : events) {
            var sent = sender.send(new ProducerRecord<>(stream.topic(), KEY, CanonicalJson.encode(event.envelope())));
            // a send that could not even start (no broker: each one waits max.block.ms for metadata)
            // fails the round at once instead of once per event
            if (sent.isDone()) {
                sent.get();
            }
            if (System.nanoTime() > deadline) {
                throw new java.util.concurrent.TimeoutException("relay round took longer than its send timeout");
            }
        }
        sender.commitTransaction(); // all of the round or (for read_committed consumers) none of it
        Instant acknowledged = clock.instant();
        long last = events.getLast().sequence();
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE audit.relay_position SET sequence = ?, relayed_at = now() WHERE id = 1 AND sequence < ?")) {
            move.setLong(1, last);
            move.setLong(2, last);
            move.executeUpdate();
        }
        for (StoredEvents.Stored event : events) {
            delay.record(Duration.between(event.occurredAt(), acknowledged));
        }
        relayed += events.size();
        return events.size();
    }

    /**
     * Checkpoints go on while the stream is down: then the events after the last checkpoint have no
     * copy outside PostgreSQL, and a signed checkpoint is all that would show a rewrite of them.
     */
    private void checkpointWithoutTheStream() {
        try {
            checkpointIfDue();
        } catch (RuntimeException failure) {
            log.warn(
                    "Audit checkpoint failed ({}); tried again at the next round",
                    failure.getClass().getSimpleName());
        }
    }

    private void checkpointIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastCheckpoint, now).compareTo(chain.checkpointEvery()) < 0) {
            return;
        }
        transaction.executeWithoutResult(status -> auditLog.checkpoint());
        lastCheckpoint = now; // only once signed: a failed one is tried again at the next round
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int)
                    properties.sendTimeout().toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                    properties.sendTimeout().toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                    properties.sendTimeout().plusMillis(100).toMillis());
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "mash-hub-audit-relay");
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, properties.transactionalId());
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
            current = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            producer = current;
            current.initTransactions(); // fences a previous leader's producer still in flight
        }
        return current;
    }

    private void resetProducer() {
        KafkaProducer<String, byte[]> current = producer;
        producer = null;
        if (current != null) {
            try {
                current.close(
                        Duration.ZERO); // an open transaction is aborted by the broker or fenced by the next producer
            } catch (org.apache.kafka.common.errors.InterruptException stopping) {
                // the relay is being stopped: the producer is closed all the same
            }
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
