package uk.mashhub.api.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.HubIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
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

/** Batches of records arriving on the inbound Kafka topic, through the real broker and database. */
@HubIntegrationTest
class InboundRecordsIntegrationTests {

    private final KafkaTemplate<Object, Object> kafka;
    private final KafkaAdmin admin;
    private final JdbcClient jdbc;
    private KafkaConsumer<String, String> results;

    InboundRecordsIntegrationTests(
            @Autowired KafkaTemplate<Object, Object> kafka, @Autowired KafkaAdmin admin, @Autowired JdbcClient jdbc) {
        this.kafka = kafka;
        this.admin = admin;
        this.jdbc = jdbc;
    }

    @BeforeEach
    void listenToResults() {
        Callers.registerPartnership(jdbc);
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
        results.subscribe(Set.of("mash-hub.records.results"));
    }

    @AfterEach
    void close() {
        results.close();
    }

    private void send(String batchId, String agency, String body) throws Exception {
        var message = new ProducerRecord<Object, Object>("mash-hub.records.inbound", batchId, body);
        message.headers().add("batch-id", batchId.getBytes(StandardCharsets.UTF_8));
        if (agency != null) {
            message.headers().add("agency", agency.getBytes(StandardCharsets.UTF_8));
        }
        kafka.send(message).get();
    }

    private JsonNode outcome(String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (var record : results.poll(Duration.ofMillis(500))) {
                if (record.key().equals(batchId)) {
                    return JsonMapper.builder().build().readTree(record.value());
                }
            }
        }
        throw new AssertionError("no outcome published for batch " + batchId);
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
    void keepsABatchWholeAndPublishesItsOutcome() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();

        send(batchId, Callers.POLICE, batch(batchId, 25));

        JsonNode outcome = outcome(batchId);
        assertThat(outcome.get("status").asString()).isEqualTo("APPLIED");
        assertThat(outcome.get("accepted").asInt()).isEqualTo(25);
        assertThat(keptFrom(batchId)).isEqualTo(25);
    }

    @Test
    void aBatchDeliveredTwiceIsKeptOnce() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        String body = batch(batchId, 5);

        send(batchId, Callers.POLICE, body);
        assertThat(outcome(batchId).get("status").asString()).isEqualTo("APPLIED");
        send(batchId, Callers.POLICE, body);

        assertThat(outcome(batchId).get("status").asString()).isEqualTo("DUPLICATE");
        assertThat(keptFrom(batchId)).isEqualTo(5);
    }

    @Test
    void aBatchWithAWrongLineIsRefusedWholeNamingTheLine() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();
        String body = batch(batchId, 3) + "{\"category\": \"HOROSCOPE\"}\n";

        send(batchId, Callers.POLICE, body);

        JsonNode outcome = outcome(batchId);
        assertThat(outcome.get("status").asString()).isEqualTo("REFUSED");
        assertThat(outcome.at("/lines/0/line").asInt()).isEqualTo(4);
        assertThat(keptFrom(batchId)).isZero();
    }

    @Test
    void aBatchFromAnAgencyThatIsNotAPartnerIsRefused() throws Exception {
        String batchId = "batch-" + UUID.randomUUID();

        send(batchId, "northshire-fire", batch(batchId, 2));

        assertThat(outcome(batchId).get("reason").asString()).contains("active partner");
        assertThat(keptFrom(batchId)).isZero();
    }
}
