package mashhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

class KafkaBrokerProcessTests {

    private static final String TOPIC = "kept";

    private static void createTopic(String bootstrapServers)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (var admin =
                Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                3_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                4_000,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static List<String> consumeAll(String bootstrapServers, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<String, String>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "kafka-broker-process-tests",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(Set.of(TOPIC));
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    @Test
    void keepsTopicsAndMessagesAcrossAStopAndRestart()
            throws InterruptedException, ExecutionException, TimeoutException {
        var workDirectory = Path.of("target", "kafka-broker-process-test");
        FileSystemUtils.deleteRecursively(workDirectory.toFile());

        try (var broker = KafkaBrokerProcess.start(workDirectory)) {
            var bootstrapServers = broker.bootstrapServers();
            createTopic(bootstrapServers);

            try (var producer = producer(bootstrapServers)) {
                producer.send(new ProducerRecord<>(TOPIC, "before")).get(10, TimeUnit.SECONDS);

                broker.stop();
                assertThat(broker.isRunning()).isFalse();
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "while stopped"))
                                .get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

                broker.restart();
                assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
                producer.send(new ProducerRecord<>(TOPIC, "after")).get(10, TimeUnit.SECONDS);
            }

            assertThat(consumeAll(bootstrapServers, 2)).containsExactly("before", "after");
        }
    }

    @Test
    void startsAgainAfterAGracefulStop() throws InterruptedException, ExecutionException, TimeoutException {
        var workDirectory = Path.of("target", "kafka-broker-process-graceful-test");
        FileSystemUtils.deleteRecursively(workDirectory.toFile());

        try (var broker = KafkaBrokerProcess.start(workDirectory)) {
            createTopic(broker.bootstrapServers());
            try (var producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>(TOPIC, "before")).get(10, TimeUnit.SECONDS);
            }

            broker.stopGracefully();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            try (var producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>(TOPIC, "after")).get(10, TimeUnit.SECONDS);
            }
            assertThat(consumeAll(broker.bootstrapServers(), 2)).containsExactly("before", "after");
        }
    }
}
