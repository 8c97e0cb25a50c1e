package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.audit.AuditInstances.log;
import static uk.mashhub.audit.AuditInstances.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mashhub.testsupport.FreshDatabase;
import mashhub.testsupport.KafkaBrokerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay against a real broker running in its own process, so that it can be stopped in the
 * middle of a run and started again with its data: every committed event reaches the stream, in
 * log order, and after de-duplication by sequence number exactly once, with a chain that verifies.
 */
class DisclosureRelayIntegrationTests {

    private static final String TOPIC = "mash-hub.disclosures";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path directory = Path.of("target", "relay-broker").toAbsolutePath();
        FileSystemUtils.deleteRecursively(directory);
        Files.createDirectories(directory);
        broker = KafkaBrokerProcess.start(directory);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ConfigurableApplicationContext relayingHub(String database, String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--hub.audit.relay.enabled=true",
                "--hub.audit.relay.send-timeout=2s",
                "--hub.audit.relay.retry-wait=200ms",
                "--hub.audit.chain.checkpoint-every-events=100"));
        settings.addAll(List.of(more));
        return start(database, settings.toArray(String[]::new));
    }

    private static void awaitRelayed(ConfigurableApplicationContext hub, Duration within) throws InterruptedException {
        AuditChain chain = hub.getBean(AuditChain.class);
        long deadline = System.nanoTime() + within.toNanos();
        while (chain.status().relayLag() > 0) {
            assertThat(System.nanoTime()).as("relay caught up in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The envelopes on the topic, first occurrence of each sequence number, in topic order. */
    private static Stream read(long expected) {
        return read(TOPIC, expected);
    }

    private static Stream read(String topic, long expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Stream stream = new Stream();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (stream.unique.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.key()).isEqualTo("hub");
                    Map<String, Object> envelope = JSON.readValue(record.value(), new TypeReference<>() {});
                    long sequence = ((Number) envelope.get("sequence")).longValue();
                    stream.delivered++;
                    stream.unique.putIfAbsent(sequence, envelope);
                    stream.order.add(sequence);
                }
            }
        }
        return stream;
    }

    private static final class Stream {
        final Map<Long, Map<String, Object>> unique = new LinkedHashMap<>();
        final List<Long> order = new ArrayList<>();
        int delivered;

        ChainVerification verify() {
            ChainVerifier verifier = new ChainVerifier(List.of());
            for (Map<String, Object> envelope : unique.values()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) envelope.get("event");
                verifier.accept(
                        ((Number) envelope.get("sequence")).longValue(),
                        (String) envelope.get("previousHash"),
                        (String) envelope.get("hash"),
                        event);
            }
            return verifier.result();
        }
    }

    @Test
    void deliversEveryCommittedEventAfterTheBrokerWasStoppedInTheMiddleOfARun() throws Exception {
        String database = FreshDatabase.create("relay_broker_stop");
        try (var hub = relayingHub(database)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger committed = new AtomicInteger();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    log(hub, 2);
                    committed.addAndGet(2);
                }
            });
            Thread.sleep(1500);
            broker.stop();
            int committedWhenStopped = committed.get();
            Thread.sleep(3000);
            assertThat(committed.get())
                    .as("audited work goes on while the broker is down")
                    .isGreaterThan(committedWhenStopped);
            assertThat(hub.getBean(AuditChain.class).status().relayLag())
                    .as("the lag shows")
                    .isPositive();
            DisclosureRelay relay = hub.getBean(DisclosureRelay.class);
            long failureDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (relay.state().lastFailure() == null) {
                assertThat(System.nanoTime())
                        .as("the relay reports its failure while the broker is down")
                        .isLessThan(failureDeadline);
                Thread.sleep(100);
            }
            broker.start();
            Thread.sleep(1000);
            writing.set(false);
            writer.join();

            awaitRelayed(hub, Duration.ofSeconds(60));
            long head = hub.getBean(AuditChain.class).status().headSequence();
            Stream stream = read(head);

            assertThat(stream.unique.keySet()).hasSize((int) head);
            assertThat(List.copyOf(stream.unique.keySet()))
                    .as("log order")
                    .isSorted()
                    .startsWith(1L)
                    .endsWith(head);
            ChainVerification verification = stream.verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            assertThat(verification.checkpointsVerified()).isPositive();
            assertThat(hub.getBean(DisclosureRelay.class).delay().count()).isGreaterThanOrEqualTo(head);
        }
    }

    @Test
    void signsCheckpointsOnTimeWhileNoBrokerCanBeReached() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens there once it is closed
        }
        try (var hub = start(
                FreshDatabase.create("relay_checkpoints_without_broker"),
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + closed,
                "--hub.audit.relay.enabled=true",
                "--hub.audit.relay.send-timeout=1s",
                "--hub.audit.relay.retry-wait=200ms",
                "--hub.audit.chain.checkpoint-every-events=1000000",
                "--hub.audit.chain.checkpoint-every=1s")) {
            var jdbc = hub.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long checkpoints = 0;
            while (checkpoints < 2) {
                assertThat(System.nanoTime())
                        .as("a checkpoint every second while events arrive, though the stream is down")
                        .isLessThan(deadline);
                log(hub, 1);
                Thread.sleep(250);
                checkpoints = jdbc.queryForObject(
                        "SELECT count(*) FROM audit.audit_event WHERE type = 'ChainCheckpointSigned'", Long.class);
            }

            assertThat(hub.getBean(DisclosureRelay.class).state().lastFailure()).isNotNull();
            assertThat(hub.getBean(AuditChain.class).status().relayedSequence()).isZero();
            ChainVerification verification = hub.getBean(AuditChain.class).verify();
            assertThat(verification.intact()).isTrue();
            assertThat(verification.checkpointsVerified()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anotherInstanceTakesOverAndResumesWhereTheRelayStopped() throws Exception {
        String database = FreshDatabase.create("relay_takeover");
        var first = relayingHub(database, "--hub.audit.stream.topic=takeover.disclosures");
        var second = relayingHub(database, "--hub.audit.stream.topic=takeover.disclosures");
        try {
            log(first, 50);
            awaitRelayed(first, Duration.ofSeconds(30));
            var leader = first.getBean(DisclosureRelay.class).state().leader() ? first : second;
            var follower = leader == first ? second : first;
            assertThat(follower.getBean(DisclosureRelay.class).state().leader()).isFalse();

            leader.close();
            log(follower, 50);
            awaitRelayed(follower, Duration.ofSeconds(30));

            assertThat(follower.getBean(DisclosureRelay.class).state().leader()).isTrue();
            assertThat(follower.getBean(AuditChain.class).status().relayedSequence())
                    .isEqualTo(follower.getBean(AuditChain.class).status().headSequence());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aHubKilledMidRunIsResumedByTheNextOneWithNothingLostOrReordered() throws Exception {
        String database = FreshDatabase.create("relay_killed");
        String topic = "killed.disclosures";
        var servers = mashhub.testsupport.TestInfrastructure.servers();
        Path log = Path.of("target", "relaying-hub-process.log").toAbsolutePath();
        Process doomed = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RelayingHubProcess.class.getName(),
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + servers.username(),
                        "--spring.datasource.password=" + servers.password(),
                        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--hub.audit.chain.pseudonym-key="
                                + mashhub.testsupport.InfrastructureInitializer.TEST_PSEUDONYM_KEY,
                        "--hub.audit.chain.checkpoint-private-key="
                                + mashhub.testsupport.InfrastructureInitializer.TEST_CHECKPOINT_PRIVATE_KEY,
                        "--hub.audit.chain.checkpoint-public-key="
                                + mashhub.testsupport.InfrastructureInitializer.TEST_CHECKPOINT_PUBLIC_KEY,
                        "--hub.audit.stream.topic=" + topic,
                        "--hub.audit.relay.enabled=true",
                        "--spring.main.web-application-type=none",
                        "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (var observer = start(database)) {
            AuditChain chain = observer.getBean(AuditChain.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (chain.status().relayedSequence() < 200) {
                assertThat(doomed.isAlive())
                        .as("the doomed hub runs; see " + log)
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("the doomed hub relayed in time")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }

            doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, a Kafka transaction maybe open
            long head = chain.status().headSequence();

            try (var successor = relayingHub(database, "--hub.audit.stream.topic=" + topic)) {
                awaitRelayed(successor, Duration.ofSeconds(60));
            }
            assertThat(chain.status().headSequence()).isEqualTo(head);
            Stream stream = read(topic, head);
            assertThat(List.copyOf(stream.unique.keySet())).isSorted().hasSize((int) head);
            assertThat(stream.verify().intact()).isTrue();
        } finally {
            doomed.destroyForcibly();
        }
    }
}
