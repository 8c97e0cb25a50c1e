package uk.mashhub.api.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mashhub.testsupport.HubIntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.api.Callers;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;

/** Batches of records arriving on the inbound Kafka topic, through the real broker and database. */
@HubIntegrationTest
class InboundRecordsIntegrationTests {

    private final KafkaTemplate<Object, Object> kafka;
    private final KafkaAdmin admin;
    private final JdbcClient jdbc;
    private final InboundRecords.AgencyTopics agencyTopics;
    private final Agencies agencies;
    private KafkaConsumer<String, String> results;

    InboundRecordsIntegrationTests(
            @Autowired KafkaTemplate<Object, Object> kafka,
            @Autowired KafkaAdmin admin,
            @Autowired JdbcClient jdbc,
            @Autowired InboundRecords.AgencyTopics agencyTopics,
            @Autowired Agencies agencies) {
        this.kafka = kafka;
        this.admin = admin;
        this.jdbc = jdbc;
        this.agencyTopics = agencyTopics;
        this.agencies = agencies;
    }

    @BeforeEach
    void listenToResults() {
        // registered with SQL, not through the hub: their topics are made here as the hub makes a new agency's
        Callers.registerPartnership(jdbc);
        agencyTopics.ensure(List.of(new AgencyId(Callers.POLICE), new AgencyId(Callers.HEALTH)));
        results = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                admin.getConfigurationProperties().get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        results.subscribe(Set.of("mash-hub.records.results." + Callers.POLICE));
    }

    @AfterEach
    void close() {
        results.close();
    }

    /** A batch on the police's own topic, with an {@code agency} header if one is given. */
    private void send(String batchId, @Nullable String agencyHeader, String body) throws Exception {
        var message = new ProducerRecord<Object, Object>("mash-hub.records.inbound." + Callers.POLICE, batchId, body);
        message.headers().add("batch-id", batchId.getBytes(StandardCharsets.UTF_8));
        if (agencyHeader != null) {
            message.headers().add("agency", agencyHeader.getBytes(StandardCharsets.UTF_8));
        }
        kafka.send(message).get();
    }

    /**
     * Outcomes read but not yet asked for, by batch: batches on different partitions finish in any
     * order, so one asked for later may be read while waiting for another.
     */
    private final Map<String, java.util.Deque<String>> unasked = new java.util.HashMap<>();

    /** The batch's next outcome not yet asked for (a redelivered batch has a second one). */
    private JsonNode outcome(String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (unasked.getOrDefault(batchId, new java.util.ArrayDeque<>()).isEmpty() && System.nanoTime() < deadline) {
            for (var record : results.poll(Duration.ofMillis(500))) {
                unasked.computeIfAbsent(record.key(), key -> new java.util.ArrayDeque<>())
                        .add(record.value());
            }
        }
        String outcome =
                unasked.getOrDefault(batchId, new java.util.ArrayDeque<>()).poll();
        if (outcome == null) {
            throw new AssertionError("no outcome published for batch " + batchId);
        }
        return JsonMapper.builder().build().readTree(outcome);
    }

    private long keptFrom(String source) {
        return jdbc.sql("SELECT count(*) FROM ingest.agency_record WHERE source_reference = ?")
                .param(source)
                .query(Long.class)
                .single();
    }

    private static String batch(String source, int size) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < size; i++) {
            lines.append(RecordApiIntegrationTests.record("PNC-" + UUID.randomUUID(), "theft")
                            .replace("NSP-2027-000123", source))
                    .append('\n');
        }
        return lines.toString();
    }

    @Test
    void keepsABatchWholeAndPublishesItsOutcomeOnTheAgencysOwnResultsTopic() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();

        send(batchId, null, batch(batchId, 25));

        JsonNode outcome = outcome(batchId);
        assertThat(outcome.get("status").asString()).isEqualTo("APPLIED");
        assertThat(outcome.get("agency").asString()).isEqualTo(Callers.POLICE);
        assertThat(outcome.get("accepted").asInt()).isEqualTo(25);
        assertThat(keptFrom(batchId)).isEqualTo(25);
        assertThat(jdbc.sql("SELECT DISTINCT provider FROM ingest.agency_record WHERE source_reference = ?")
                        .param(batchId)
                        .query(String.class)
                        .list())
                .as("the topic names the provider")
                .containsExactly(Callers.POLICE);
    }

    @Test
    void aBatchOnOneAgencysTopicCannotSpeakForAnother() throws Exception {
        // only the police's principal may write to their topic; a header cannot make it health's batch
        String batchId = "batch-" + UUID.randomUUID();

        send(batchId, Callers.HEALTH, batch(batchId, 2));

        JsonNode outcome = outcome(batchId);
        assertThat(outcome.get("status").asString()).isEqualTo("REFUSED");
        assertThat(outcome.get("reason").asString()).contains("topic names the sender");
        assertThat(keptFrom(batchId)).isZero();
    }

    @Test
    void aBatchDeliveredTwiceIsKeptOnce() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        String body = batch(batchId, 5);

        send(batchId, Callers.POLICE, body);
        JsonNode applied = outcome(batchId);
        assertThat(applied.get("status").asString()).isEqualTo("APPLIED");
        send(batchId, Callers.POLICE, body);

        JsonNode duplicate = outcome(batchId);
        assertThat(duplicate.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(keptFrom(batchId)).isEqualTo(5);
        // the first outcome may never have reached the agency: the redelivery's names the same records
        assertThat(duplicate.get("recordIds")).hasSize(5).isEqualTo(applied.get("recordIds"));
    }

    @Test
    void refusesAReusedBatchIdWithOtherContent() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        String body = batch(batchId, 5);
        send(batchId, null, body);
        JsonNode applied = outcome(batchId);
        assertThat(applied.get("status").asString()).isEqualTo("APPLIED");

        // other records under the batch id: read as DUPLICATE, the producer would take them for kept
        send(batchId, null, batch(batchId, 3));

        JsonNode refused = outcome(batchId);
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("reason").asString())
                .isEqualTo("This batch id was used before for other records; nothing was kept."
                        + " Send new records under a new batch id.");
        assertThat(refused.get("accepted").asInt()).isZero();
        assertThat(refused.get("recordIds")).isEmpty();
        assertThat(refused.get("lines")).isEmpty();
        assertThat(keptFrom(batchId)).isEqualTo(5);

        // the first records again, their lines written otherwise (spacing, order of fields): a redelivery
        send(
                batchId,
                null,
                body.replace("\"childPresent\": true, \"officers\": 2", "\"officers\": 2, \"childPresent\": true")
                        .replace(", \"", ",\""));
        JsonNode duplicate = outcome(batchId);
        assertThat(duplicate.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(duplicate.get("recordIds")).hasSize(5).isEqualTo(applied.get("recordIds"));
        assertThat(keptFrom(batchId)).isEqualTo(5);
    }

    @Test
    void aBatchIdKeptBeforeDigestsWereKeptIsStillAnsweredDuplicate() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        send(batchId, null, batch(batchId, 2));
        JsonNode applied = outcome(batchId);
        assertThat(applied.get("status").asString()).isEqualTo("APPLIED");
        // as a batch kept by an earlier version of the hub: no digest of its records
        jdbc.sql("UPDATE ingest.inbound_batch SET content_digest = NULL WHERE agency_id = ? AND batch_id = ?")
                .params(Callers.POLICE, batchId)
                .update();

        // nothing to tell other records from a redelivery by: answered as before
        send(batchId, null, batch(batchId, 3));

        JsonNode duplicate = outcome(batchId);
        assertThat(duplicate.get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(duplicate.get("recordIds")).isEqualTo(applied.get("recordIds"));
        assertThat(keptFrom(batchId)).isEqualTo(2);
    }

    @Test
    void aBatchWithAWrongLineIsRefusedWholeNamingTheLine() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        String body = batch(batchId, 3) + "{\"category\": \"HOROSCOPE\"}\n";

        send(batchId, null, body);

        JsonNode outcome = outcome(batchId);
        assertThat(outcome.get("status").asString()).isEqualTo("REFUSED");
        assertThat(outcome.at("/lines/0/line").asInt()).isEqualTo(4);
        assertThat(keptFrom(batchId)).isZero();
    }

    @Test
    void aBatchOfThousandsOfWrongLinesIsRefusedAndTheNextBatchStillArrives() throws Exception {
        // every wrong line listed would pass the producer's 1 MB limit: the outcome could never be
        // sent and the batch would be retried for ever, holding up the batches behind it
        String wrong = "batch-" + UUID.randomUUID();
        send(wrong, null, "{}\n".repeat(10_000));
        String next = "batch-" + UUID.randomUUID();
        send(next, null, batch(next, 2));

        JsonNode refused = outcome(wrong);
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("reason").asString())
                .isEqualTo("10000 line(s) are wrong; nothing was kept. The first 1000 are listed.");
        assertThat(refused.get("lines")).hasSize(InboundRecords.LISTED_LINES);
        assertThat(outcome(next).get("status").asString()).isEqualTo("APPLIED");
    }

    @Test
    void aBatchFromAnAgencyThatIsNoLongerActiveIsRefused() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        jdbc.sql("UPDATE consent.agency SET status = 'INACTIVE' WHERE id = ?")
                .param(Callers.POLICE)
                .update();
        try {
            send(batchId, null, batch(batchId, 2));

            assertThat(outcome(batchId).get("reason").asString()).contains("not an active partner");
            assertThat(keptFrom(batchId)).isZero();
        } finally {
            jdbc.sql("UPDATE consent.agency SET status = 'ACTIVE' WHERE id = ?")
                    .param(Callers.POLICE)
                    .update();
        }
    }

    @Test
    void registeringAnAgencyMakesItsInboundAndResultsTopics() throws Exception {
        String id = "westshire-" + UUID.randomUUID().toString().substring(0, 8);

        agencies.register(
                new Agency(new AgencyId(id), "Westshire Youth Service", AgencyType.OTHER, AgencyStatus.ACTIVE),
                new Actor(new AgencyId(Callers.CHILDRENS), "governance-officer"));

        // made in the background once the registration commits
        try (var client = AdminClient.create(admin.getConfigurationProperties())) {
            Set<String> expected = Set.of("mash-hub.records.inbound." + id, "mash-hub.records.results." + id);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Set<String> topics = client.listTopics().names().get(30, TimeUnit.SECONDS);
            while (!topics.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                topics = client.listTopics().names().get(30, TimeUnit.SECONDS);
            }
            assertThat(topics).containsAll(expected);
        }
    }
}
