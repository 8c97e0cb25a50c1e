package uk.mashhub.api.record;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.ingest.record.AgencyRecord;
import uk.mashhub.ingest.record.AgencyRecords;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;

/**
 * Agencies with many records send batches to the inbound topic instead of HTTP: one message is one
 * batch, NDJSON, with headers {@code agency} and {@code batch-id}. The topic's ACLs are what
 * authenticate the producer (only an agency's own principal may write its {@code agency} header;
 * see deploy/README.md).
 *
 * <p>Each batch is checked line by line exactly as the HTTP bulk upload is, then kept whole or
 * refused whole, and its outcome — APPLIED with the record ids, DUPLICATE, or REFUSED with every
 * wrong line — is published to the results topic under the batch id. A failure to keep it (the
 * database is down) is retried without end, never skipped: the offset is committed only after the
 * outcome is published.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundRecords.Topics.class)
class InboundRecords {

    /**
     * @param topic where batches arrive
     * @param resultsTopic where their outcomes go
     */
    @ConfigurationProperties("hub.ingest.inbound")
    record Topics(
            @DefaultValue("mash-hub.records.inbound") String topic,
            @DefaultValue("mash-hub.records.results") String resultsTopic,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicas) {}

    /** The outcome of one batch, as published. */
    record Outcome(
            String batchId,
            @Nullable String agency,
            String status,
            int accepted,
            List<String> recordIds,
            @Nullable String reason,
            List<RecordLines.LineError> lines) {}

    private static final Logger log = LoggerFactory.getLogger(InboundRecords.class);

    @Bean
    NewTopic inboundRecordsTopic(Topics topics) {
        return TopicBuilder.name(topics.topic())
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    @Bean
    NewTopic recordResultsTopic(Topics topics) {
        return TopicBuilder.name(topics.resultsTopic())
                .partitions(topics.partitions())
                .replicas(topics.replicas())
                .build();
    }

    /** Retries a batch that could not be kept (database down) for ever, backing off to a minute: never skips it. */
    @Bean
    CommonErrorHandler retryForever() {
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    Listener inboundRecordsListener(
            RecordLines lines,
            AgencyRecords records,
            Agencies agencies,
            KafkaTemplate<Object, Object> kafka,
            JsonMapper json,
            Topics topics) {
        return new Listener(lines, records, agencies, kafka, json, topics);
    }

    /** The consumer of the inbound topic. */
    static class Listener {

        private final RecordLines lines;
        private final AgencyRecords records;
        private final Agencies agencies;
        private final KafkaTemplate<Object, Object> kafka;
        private final JsonMapper json;
        private final Topics topics;

        Listener(
                RecordLines lines,
                AgencyRecords records,
                Agencies agencies,
                KafkaTemplate<Object, Object> kafka,
                JsonMapper json,
                Topics topics) {
            this.lines = lines;
            this.records = records;
            this.agencies = agencies;
            this.kafka = kafka;
            this.json = json;
            this.topics = topics;
        }

        @KafkaListener(
                topics = "${hub.ingest.inbound.topic:mash-hub.records.inbound}",
                groupId = "mash-hub-inbound-records")
        void receive(ConsumerRecord<String, String> message)
                throws IOException, ExecutionException, InterruptedException, TimeoutException {
            String batchId = header(message, "batch-id");
            String agency = header(message, "agency");
            Outcome outcome = handle(batchId, agency, message.value());
            kafka.send(topics.resultsTopic(), outcome.batchId(), json.writeValueAsString(outcome))
                    .get(30, TimeUnit.SECONDS);
            log.info("Inbound batch from {}: {} ({} records)", outcome.agency(), outcome.status(), outcome.accepted());
        }

        private Outcome handle(@Nullable String batchId, @Nullable String agency, @Nullable String body)
                throws IOException {
            String id = batchId == null ? "unknown" : batchId;
            if (batchId == null || batchId.isBlank()) {
                return refused(id, agency, "The message has no batch-id header.");
            }
            if (agency == null
                    || !AgencyId.isValid(agency)
                    || agencies.find(new AgencyId(agency))
                            .map(a -> a.status() != AgencyStatus.ACTIVE)
                            .orElse(true)) {
                return refused(id, agency, "The agency header does not name an active partner agency.");
            }
            RecordLines.Batch batch;
            try {
                batch = lines.read(new StringReader(body == null ? "" : body));
            } catch (HubProblem problem) {
                return refused(id, agency, problem.safeDetail());
            }
            if (!batch.refused().isEmpty()) {
                return new Outcome(
                        id,
                        agency,
                        "REFUSED",
                        0,
                        List.of(),
                        batch.refused().size() + " line(s) are wrong; nothing was kept.",
                        batch.refused());
            }
            if (batch.records().isEmpty()) {
                return refused(id, agency, "The batch holds no records.");
            }
            Actor actor = new Actor(new AgencyId(agency), "kafka:" + topics.topic());
            List<AgencyRecord> kept;
            try {
                kept = records.contributeOnce(batchId, batch.records(), actor);
            } catch (HubProblem problem) {
                return refused(id, agency, problem.safeDetail());
            }
            if (kept.isEmpty()) {
                return new Outcome(
                        id,
                        agency,
                        "DUPLICATE",
                        0,
                        List.of(),
                        "This batch id was kept before; nothing new was kept.",
                        List.of());
            }
            return new Outcome(
                    id,
                    agency,
                    "APPLIED",
                    kept.size(),
                    kept.stream().map(r -> r.id().toString()).toList(),
                    null,
                    List.of());
        }

        private static Outcome refused(String batchId, @Nullable String agency, String reason) {
            return new Outcome(batchId, agency, "REFUSED", 0, List.of(), reason, List.of());
        }

        private static @Nullable String header(ConsumerRecord<String, String> message, String name) {
            Header header = message.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
