package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.audit.AuditInstances.log;
import static uk.mashhub.audit.AuditInstances.start;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import mashhub.testsupport.FreshDatabase;
import mashhub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.reader.ReadModelStatus;
import uk.mashhub.audit.reader.StreamReader;

/**
 * The auditor read model, built by a consumer of the disclosure stream into a database of its own
 * (as a separate deployment would), on the real broker and PostgreSQL: fed the hub's own relay, a
 * restart in the middle, duplicates, out-of-order delivery, a gap and a modified event.
 */
class AuditReadModelIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String privatePem;
    private static String publicPem;

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @BeforeAll
    static void checkpointKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    /** A hub whose audit log is {@code database}, signing checkpoints with the test key. */
    private ConfigurableApplicationContext source(String database, String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "--hub.audit.chain.checkpoint-private-key=" + privatePem,
                "--hub.audit.chain.checkpoint-public-key=" + publicPem,
                "--hub.audit.chain.checkpoint-every-events=50"));
        settings.addAll(List.of(more));
        ConfigurableApplicationContext hub = start(database, settings.toArray(String[]::new));
        running.add(hub);
        return hub;
    }

    /** A read model deployment of its own: its own database, reading {@code topic}. */
    private ConfigurableApplicationContext reader(String name, String topic, String... more) {
        FreshDatabase.create(name + "_read");
        return readerOf(name, FreshDatabase.create(name + "_hub"), topic, more);
    }

    /** Another instance of the read model deployment {@code name}: same group, same database. */
    private ConfigurableApplicationContext readerOf(String name, String hubDatabase, String topic, String... more) {
        var servers = TestInfrastructure.servers();
        List<String> settings = new ArrayList<>(List.of(
                "--hub.audit.stream.topic=" + topic,
                "--hub.audit.reader.enabled=true",
                "--hub.audit.reader.group-id=" + name,
                "--hub.audit.reader.trusted-checkpoint-keys=" + publicPem,
                "--hub.audit.reader.datasource.url=" + FreshDatabase.url(name + "_read"),
                "--hub.audit.reader.datasource.username=" + servers.username(),
                "--hub.audit.reader.datasource.password=" + servers.password()));
        settings.addAll(List.of(more));
        ConfigurableApplicationContext reader = start(hubDatabase, settings.toArray(String[]::new));
        running.add(reader);
        return reader;
    }

    private static JdbcTemplate readModelOf(String name) {
        var servers = TestInfrastructure.servers();
        var source = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                FreshDatabase.url(name + "_read"), servers.username(), servers.password());
        return new JdbcTemplate(source);
    }

    /** The records the relay would publish for {@code hub}'s log, in sequence order. */
    private static List<byte[]> recordsOf(ConfigurableApplicationContext hub) {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        return jdbc.query(
                "SELECT " + StoredEvents.COLUMNS + " FROM audit.audit_event ORDER BY sequence",
                (row, n) -> CanonicalJson.encode(StoredEvents.read(row, JSON).envelope()));
    }

    private static void publish(String topic, List<byte[]> records) throws Exception {
        Properties config = new Properties();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.servers().kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] record : records) {
                producer.send(new ProducerRecord<>(topic, 0, "hub", record));
            }
            producer.flush();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static ReadModelStatus status(ConfigurableApplicationContext reader) {
        return reader.getBean(StreamReader.class).status();
    }

    @Test
    void buildsItsOwnDatabaseFromTheHubsRelayWithEveryEventOnceAndVerified() throws Exception {
        String topic = "reader-relayed";
        ConfigurableApplicationContext hub = source(
                FreshDatabase.create("reader_relayed_source"),
                "--hub.audit.stream.topic=" + topic,
                "--hub.audit.relay.enabled=true");
        log(hub, 120);
        // text that COPY's format gives a meaning of its own must reach the read model as hashed
        hub.getBean(TransactionTemplate.class)
                .executeWithoutResult(status -> hub.publishEvent(new AuditInstances.SomethingAudited(
                        AuditInstances.anEvent(Map.of("note", "back\\slash\ttab\nline \\N ✓")))));
        ConfigurableApplicationContext reader = reader("reader_relayed", topic);
        await("the reader applies the first events", () -> status(reader).position() > 0);
        for (int i = 0; i < 15; i++) {
            log(hub, 10); // while it consumes
        }
        long head = hub.getBean(AuditChain.class).status().headSequence();
        await("the reader catches up with the source log", () -> status(reader).position() == head);

        JdbcTemplate readModel = readModelOf("reader_relayed");
        assertThat(readModel.queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .isEqualTo(head);
        assertThat(readModel.queryForObject("SELECT count(DISTINCT sequence) FROM audit_read.event", Long.class))
                .isEqualTo(head);
        assertThat(readModel.queryForObject("SELECT encode(hash, 'hex') FROM audit_read.position", String.class))
                .isEqualTo(hub.getBean(AuditChain.class).status().headHash());
        assertThat(status(reader).healthy()).isTrue();
        assertThat(readModel.query(
                        "SELECT encode(previous_hash, 'hex'), encode(hash, 'hex'), document FROM audit_read.event",
                        (row, n) -> ChainedEvent.hashOf(
                                        row.getString(1), row.getString(3).getBytes(StandardCharsets.UTF_8))
                                .equals(row.getString(2))))
                .as("every stored document is the text that was hashed")
                .hasSize((int) head)
                .containsOnly(true);
        assertThat(readModel.queryForObject(
                        "SELECT count(*) FROM audit_read.event WHERE type = 'ChainCheckpointSigned'", Long.class))
                .as("checkpoints verified against the trusted key and applied")
                .isPositive();
    }

    @Test
    void resumesFromItsStoredPositionWithoutCountingAnythingTwice() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_resume_source"));
        log(hub, 200);
        List<byte[]> records = recordsOf(hub);
        String topic = "reader-resume";
        publish(topic, records.subList(0, 100));
        ConfigurableApplicationContext first = reader("reader_resume", topic);
        await("the first 100 are applied", () -> status(first).position() == 100);
        // the relay re-sends a contiguous range after a failed round: 51 to 100 again, then the rest
        publish(topic, records.subList(50, records.size()));
        await("all of them are applied", () -> status(first).position() == records.size());
        assertThat(status(first).duplicatesSkipped()).isEqualTo(50);

        // a restart of the same deployment continues from its database, reading nothing twice
        ConfigurableApplicationContext reader = first;
        reader.getBean(StreamReader.class).stop();
        reader.getBean(StreamReader.class).start();
        log(hub, 30);
        List<byte[]> more = recordsOf(hub);
        publish(topic, more.subList(records.size(), more.size()));
        await(
                "the restarted reader applies the new events",
                () -> status(reader).position() == more.size());
        assertThat(status(reader).duplicatesSkipped())
                .as("nothing re-read after the restart")
                .isEqualTo(50);
        assertThat(readModelOf("reader_resume").queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .isEqualTo(more.size());
    }

    @Test
    void twoInstancesOfOneDeploymentTakeOverFromEachOtherWithoutLosingOrRepeatingAnEvent() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_pair_source"));
        log(hub, 300);
        List<byte[]> records = recordsOf(hub);
        String topic = "reader-pair";
        publish(topic, records.subList(0, 100));
        ConfigurableApplicationContext first = reader("reader_pair", topic);
        await("the first instance applies the first 100", () -> status(first).position() == 100);
        ConfigurableApplicationContext second =
                readerOf("reader_pair", FreshDatabase.create("reader_pair_hub2"), topic);
        // whichever of the two holds the partition applies the next 100 while the other waits
        publish(topic, records.subList(100, 200));
        await("one of them applies the next 100", () -> status(second).position() == 200);
        await(
                "the group has settled",
                () -> status(first).consuming() != status(second).consuming());
        ConfigurableApplicationContext consuming = status(first).consuming() ? first : second;
        ConfigurableApplicationContext waiting = consuming == first ? second : first;
        consuming.close(); // the partition moves to the one that waited
        running.remove(consuming);
        publish(topic, records.subList(200, records.size()));

        await(
                "the other instance takes over from the stored position",
                () -> status(waiting).position() == records.size());
        assertThat(status(waiting).healthy()).isTrue();
        JdbcTemplate readModel = readModelOf("reader_pair");
        assertThat(readModel.queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .isEqualTo(records.size());
        assertThat(readModel.queryForObject("SELECT count(DISTINCT sequence) FROM audit_read.event", Long.class))
                .isEqualTo(records.size());
    }

    @Test
    void putsOutOfOrderEventsBackInOrderAndSkipsDuplicates() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_order_source"));
        log(hub, 10);
        List<byte[]> records = recordsOf(hub);
        List<byte[]> shuffled = new ArrayList<>(List.of(
                records.get(0), records.get(1), records.get(1), records.get(3), records.get(2), records.get(0)));
        shuffled.addAll(records.subList(4, records.size()));
        shuffled.add(records.get(5));
        String topic = "reader-order";
        publish(topic, shuffled);

        ConfigurableApplicationContext reader = reader("reader_order", topic);
        await("every event is applied", () -> status(reader).position() == records.size());
        assertThat(readModelOf("reader_order")
                        .queryForList("SELECT sequence FROM audit_read.event ORDER BY sequence", Long.class))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, records.size())
                        .boxed()
                        .toList());
        assertThat(status(reader).duplicatesSkipped()).isEqualTo(3);
        assertThat(status(reader).gap()).isNull();
    }

    @Test
    void reportsAGapAndHoldsLaterEventsUntilTheMissingOneArrives() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_gap_source"));
        log(hub, 6);
        List<byte[]> records = recordsOf(hub);
        String topic = "reader-gap";
        publish(topic, List.of(records.get(0), records.get(1), records.get(3), records.get(4)));

        ConfigurableApplicationContext reader = reader("reader_gap", topic);
        await(
                "the gap is reported after what came before it is applied",
                () -> status(reader).gap() != null && status(reader).position() == 2);
        ReadModelStatus withGap = status(reader);
        assertThat(withGap.position()).isEqualTo(2);
        assertThat(withGap.gap().missing()).isEqualTo(3);
        assertThat(withGap.gap().nextHeld()).isEqualTo(4);
        assertThat(withGap.healthy()).isFalse();
        assertThat(readModelOf("reader_gap").queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .as("nothing after the gap is in the read model")
                .isEqualTo(2);

        publish(topic, records.subList(2, records.size())); // the relay replays from the missing event
        await("the gap closes", () -> status(reader).position() == records.size());
        assertThat(status(reader).gap()).isNull();
        assertThat(readModelOf("reader_gap").queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .isEqualTo(records.size());
    }

    @Test
    void refusesAModifiedEventReportsTheBreakAndAcceptsTheGenuineCopyLater() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_tamper_source"));
        log(hub, 5);
        List<byte[]> records = recordsOf(hub);
        byte[] edited = new String(records.get(2), StandardCharsets.UTF_8)
                .replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-2\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(edited).isNotEqualTo(records.get(2));
        String topic = "reader-tamper";
        publish(topic, List.of(records.get(0), records.get(1), edited, records.get(3)));

        ConfigurableApplicationContext reader = reader("reader_tamper", topic);
        await(
                "the break is reported after what came before it is applied",
                () -> status(reader).chainBreak() != null && status(reader).position() == 2);
        ReadModelStatus broken = status(reader);
        assertThat(broken.chainBreak().sequence()).isEqualTo(3);
        assertThat(broken.chainBreak().problem()).isEqualTo("its hash does not match its content");
        assertThat(broken.position()).isEqualTo(2);

        publish(topic, records.subList(2, records.size()));
        await("the genuine copy is applied", () -> status(reader).position() == records.size());
        assertThat(status(reader).chainBreak()).isNull();
        String applied = readModelOf("reader_tamper")
                .queryForObject("SELECT actor FROM audit_read.event WHERE sequence = 3", String.class);
        assertThat(applied).isEqualTo("officer-1");

        // a modified copy of an event already applied is a finding too, and changes nothing
        byte[] editedAgain = new String(records.get(0), StandardCharsets.UTF_8)
                .replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-9\"")
                .getBytes(StandardCharsets.UTF_8);
        publish(topic, List.of(editedAgain));
        await("the conflicting copy is reported", () -> status(reader).chainBreak() != null);
        assertThat(status(reader).chainBreak().sequence()).isEqualTo(1);
        assertThat(status(reader).chainBreak().problem()).contains("different content");
        assertThat(readModelOf("reader_tamper")
                        .queryForObject("SELECT actor FROM audit_read.event WHERE sequence = 1", String.class))
                .isEqualTo("officer-1");
    }

    @Test
    void retentionDropsWholeMonthsAndShorterLivedTypesAndRecordsWhatItRemoved() throws Exception {
        ConfigurableApplicationContext hub = source(FreshDatabase.create("reader_retention_source"));
        log(hub, 60); // and a checkpoint: another type, kept for the default period
        List<byte[]> records = recordsOf(hub);
        String topic = "reader-retention";
        publish(topic, records);
        ConfigurableApplicationContext reader =
                reader("reader_retention", topic, "--hub.audit.reader.retention.by-type.ThingRecorded=P1Y");
        await("every event is applied", () -> status(reader).position() == records.size());
        StreamReader streamReader = reader.getBean(StreamReader.class);
        JdbcTemplate readModel = readModelOf("reader_retention");

        assertThat(streamReader.applyRetentionAsOf(Instant.now()))
                .as("nothing is old yet")
                .isZero();

        long things = readModel.queryForObject(
                "SELECT count(*) FROM audit_read.event WHERE type = 'ThingRecorded'", Long.class);
        assertThat(streamReader.applyRetentionAsOf(Instant.now().plus(Duration.ofDays(2 * 366))))
                .isEqualTo(things);
        assertThat(readModel.queryForObject("SELECT count(*) FROM audit_read.event", Long.class))
                .isEqualTo(records.size() - things);
        assertThat(readModel.queryForObject(
                        "SELECT count(*) FROM audit_read.event_person ep WHERE NOT EXISTS (SELECT 1 FROM audit_read.event e"
                                + " WHERE e.sequence = ep.sequence)",
                        Long.class))
                .isZero();

        long rest = records.size() - things;
        assertThat(rest).isPositive();
        assertThat(streamReader.applyRetentionAsOf(Instant.now().plus(Duration.ofDays(9 * 366))))
                .as("the whole month goes past the default eight years")
                .isEqualTo(rest);
        assertThat(readModel.queryForObject(
                        "SELECT coalesce(sum(events), 0) FROM audit_read.retention_cut", Long.class))
                .isEqualTo((long) records.size());
        assertThat(readModel.queryForObject(
                        "SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_read.event'::regclass", Long.class))
                .isZero();
    }
}
