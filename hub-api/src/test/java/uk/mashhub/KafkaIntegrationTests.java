package uk.mashhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.HubIntegrationTest;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@HubIntegrationTest
class KafkaIntegrationTests {

    private final KafkaTemplate<Object, Object> kafka;
    private final KafkaAdmin admin;

    KafkaIntegrationTests(@Autowired KafkaTemplate<Object, Object> kafka, @Autowired KafkaAdmin admin) {
        this.kafka = kafka;
        this.admin = admin;
    }

    @Test
    void producesWithAcksFromAllReplicasAndIdempotence() {
        Map<String, Object> config = kafka.getProducerFactory().getConfigurationProperties();

        assertThat(config.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
                .isEqualTo("true");
    }

    @Test
    void aMessageRoundTripsThroughTheBroker() throws Exception {
        String topic = "proof-of-life-" + UUID.randomUUID();
        String payload = "hello from the hub " + UUID.randomUUID();
        try (var client = AdminClient.create(admin.getConfigurationProperties())) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get();
        }

        var sent = kafka.send(topic, "key", payload).get();
        assertThat(sent.getRecordMetadata().offset()).isZero();

        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                admin.getConfigurationProperties().get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "proof-of-life",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(Set.of(topic));
            ConsumerRecords<String, String> received = ConsumerRecords.empty();
            for (int attempt = 0; attempt < 20 && received.isEmpty(); attempt++) {
                received = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("key");
                assertThat(record.value()).isEqualTo(payload);
            });
        }
    }

    @Test
    void declaresTheDisclosureTopicWithTheConfiguredPartitions() throws Exception {
        try (var client = AdminClient.create(admin.getConfigurationProperties())) {
            var topic = client.describeTopics(List.of("mash-hub.disclosures"))
                    .allTopicNames()
                    .get()
                    .get("mash-hub.disclosures");

            assertThat(topic.partitions()).hasSize(1);
        }
    }
}
