package uk.mashhub.api.record;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.consent.agency.AgencyEvent;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.ingest.record.AgencyRecord;
import uk.mashhub.ingest.record.AgencyRecords;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;

/**
 * Agencies with many records send batches to Kafka instead of HTTP: one message is one batch,
 * NDJSON, on the agency's own inbound topic ({@code mash-hub.records.inbound.<agency-id>}) with a
 * {@code batch-id} header. <b>The topic names the sender</b>: Kafka's ACLs decide who may write to a
 * topic, not what a message's headers say, so each agency's principal is granted WRITE on its own
 * topic only and the hub takes the agency from the topic's name (ADR 0022). An {@code agency} header,
 * if a producer still sends one, must agree.
 *
 * <p>Each batch is checked line by line exactly as the HTTP bulk upload is, then kept whole or
 * refused whole, and its outcome — APPLIED with the record ids, DUPLICATE (the same records again
 * under a batch id already kept) with the ids kept then, or REFUSED with the reason and any wrong
 * lines (other records under a batch id already kept are refused, never taken for a redelivery) —
 * is published under the batch id to the agency's own results topic
 * ({@code mash-hub.records.results.<agency-id>}). A failure to keep it (the database is down) is
 * retried without end, never skipped: the offset is committed only after the outcome is published.
 * The hub creates both topics of every registered agency when it starts and when an agency is
 * registered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundRecords.Topics.class)
class InboundRecords {

    /**
     * @param topicPrefix an agency's batches arrive on this followed by its id
     * @param resultsTopicPrefix their outcomes go to this followed by the agency's id
     * @param discoverTopicsEvery how soon the consumer finds a topic made after it started
     */
    @ConfigurationProperties("hub.ingest.inbound")
    record Topics(
            @DefaultValue("mash-hub.records.inbound.") String topicPrefix,
            @DefaultValue("mash-hub.records.results.") String resultsTopicPrefix,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicas,
            @DefaultValue("30s") Duration discoverTopicsEvery) {

        String inbound(AgencyId agency) {
            return topicPrefix + agency.value();
        }

        String results(AgencyId agency) {
            return resultsTopicPrefix + agency.value();
        }

        /** The agency whose inbound topic this is: what follows the prefix. */
        String sender(String topic) {
            return topic.substring(topicPrefix.length());
        }
    }

    /** The outcome of one batch, as published. */
    record Outcome(
            String batchId,
            String agency,
            String status,
            int accepted,
            List<String> recordIds,
            @Nullable String reason,
            List<RecordLines.LineError> lines) {}

    private static final Logger log = LoggerFactory.getLogger(InboundRecords.class);

    /**
     * Wrong lines listed in a refusal: all 10,000 lines of a batch of empty objects, each with its
     * field errors, would pass the producer's 1 MB request limit, the outcome could never be sent,
     * and the batch would be retried for ever, holding up its partition.
     */
    static final int LISTED_LINES = 1000;

    /** Retries a batch that could not be kept (database down) for ever, backing off to a minute: never skips it. */
    @Bean
    CommonErrorHandler retryForever() {
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    AgencyTopics agencyTopics(KafkaAdmin admin, Agencies agencies, Topics topics) {
        return new AgencyTopics(admin, agencies, topics);
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

    /**
     * Makes each registered agency's inbound and results topics: all of them once the hub has
     * started, a new agency's once its registration commits. In the background: neither the start
     * nor a registration waits for the broker, and a broker or database that cannot be reached
     * leaves a warning, not a failure (the operator can make the topics).
     */
    static class AgencyTopics {

        private final KafkaAdmin admin;
        private final Agencies agencies;
        private final Topics topics;

        AgencyTopics(KafkaAdmin admin, Agencies agencies, Topics topics) {
            this.admin = admin;
            this.agencies = agencies;
            this.topics = topics;
        }

        /** Makes the agencies' topics that do not exist yet. */
        void ensure(List<AgencyId> owners) {
            admin.createOrModifyTopics(owners.stream()
                    .flatMap(agency -> java.util.stream.Stream.of(topics.inbound(agency), topics.results(agency)))
                    .map(name -> TopicBuilder.name(name)
                            .partitions(topics.partitions())
                            .replicas(topics.replicas())
                            .build())
                    .toArray(NewTopic[]::new));
        }

        @EventListener(ApplicationReadyEvent.class)
        void forEveryRegisteredAgency() {
            inTheBackground(() -> agencies.all().stream().map(Agency::id).toList());
        }

        @TransactionalEventListener
        void forANewAgency(AgencyEvent event) {
            if (event.type().equals("AgencyRegistered")) {
                inTheBackground(() -> List.of(event.agency().id()));
            }
        }

        private void inTheBackground(java.util.function.Supplier<List<AgencyId>> owners) {
            Thread.ofVirtual().name("agency-topics").start(() -> {
                try {
                    List<AgencyId> agencyIds = owners.get();
                    if (!agencyIds.isEmpty()) {
                        ensure(agencyIds);
                    }
                } catch (RuntimeException unreachable) {
                    // the broker's or the database's words (an ACL, a replication factor): no personal data in them
                    Throwable cause = unreachable;
                    while (cause.getCause() != null && cause.getCause() != cause) {
                        cause = cause.getCause();
                    }
                    log.warn(
                            "Could not make the agencies' record topics ({}: {}); make them before an agency sends batches",
                            cause.getClass().getSimpleName(),
                            cause.getMessage());
                }
            });
        }
    }

    /** The consumer of every agency's inbound topic. */
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

        /** Every topic that starts with the prefix, whatever agencies are registered later. */
        public String pattern() {
            return Pattern.quote(topics.topicPrefix()) + ".+";
        }

        public long discoverTopicsEveryMs() {
            return topics.discoverTopicsEvery().toMillis();
        }

        @KafkaListener(
                topicPattern = "#{__listener.pattern()}",
                groupId = "mash-hub-inbound-records",
                properties = "metadata.max.age.ms=#{__listener.discoverTopicsEveryMs()}")
        void receive(ConsumerRecord<String, String> message)
                throws IOException, ExecutionException, InterruptedException, TimeoutException {
            String sender = topics.sender(message.topic());
            Agency agency = AgencyId.isValid(sender)
                    ? agencies.find(new AgencyId(sender)).orElse(null)
                    : null;
            if (agency == null) {
                // a topic no registered agency owns: nowhere to answer, so said in the log, never silent
                log.warn("Inbound batch on topic {} skipped: no registered agency has that id", message.topic());
                return;
            }
            Outcome outcome = handle(header(message, "batch-id"), agency, header(message, "agency"), message.value());
            kafka.send(topics.results(agency.id()), outcome.batchId(), json.writeValueAsString(outcome))
                    .get(30, TimeUnit.SECONDS);
            log.info("Inbound batch from {}: {} ({} records)", outcome.agency(), outcome.status(), outcome.accepted());
        }

        private Outcome handle(
                @Nullable String batchId, Agency sender, @Nullable String agencyHeader, @Nullable String body)
                throws IOException {
            AgencyId agency = sender.id();
            String id = batchId == null ? "unknown" : batchId;
            if (batchId == null || batchId.isBlank()) {
                return refused(id, agency, "The message has no batch-id header.");
            }
            if (agencyHeader != null && !agencyHeader.equals(agency.value())) {
                return refused(
                        id,
                        agency,
                        "The agency header names another agency than the topic; the topic names the sender.");
            }
            if (sender.status() != AgencyStatus.ACTIVE) {
                return refused(id, agency, "The agency is not an active partner agency.");
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
                        agency.value(),
                        "REFUSED",
                        0,
                        List.of(),
                        batch.refused().size() + " line(s) are wrong; nothing was kept."
                                + (batch.refused().size() > LISTED_LINES
                                        ? " The first " + LISTED_LINES + " are listed."
                                        : ""),
                        batch.refused()
                                .subList(
                                        0,
                                        Math.min(LISTED_LINES, batch.refused().size())));
            }
            if (batch.records().isEmpty()) {
                return refused(id, agency, "The batch holds no records.");
            }
            Actor actor = new Actor(agency, "kafka:" + topics.inbound(agency));
            List<AgencyRecord> kept;
            try {
                kept = records.contributeOnce(batchId, batch.records(), actor);
            } catch (HubProblem problem) {
                // among them AgencyRecords.BATCH_ID_REUSED: a batch id kept before with other records
                return refused(id, agency, problem.safeDetail());
            }
            if (kept.isEmpty()) {
                // the same records again: the first outcome may never have reached the agency, so answer
                // with what was kept then
                List<String> earlier = records.keptBefore(agency, batchId).stream()
                        .map(UUID::toString)
                        .toList();
                return new Outcome(
                        id,
                        agency.value(),
                        "DUPLICATE",
                        0,
                        earlier,
                        "This batch id was kept before; nothing new was kept. The record ids are those kept then.",
                        List.of());
            }
            return new Outcome(
                    id,
                    agency.value(),
                    "APPLIED",
                    kept.size(),
                    kept.stream().map(r -> r.id().toString()).toList(),
                    null,
                    List.of());
        }

        private static Outcome refused(String batchId, AgencyId agency, String reason) {
            return new Outcome(batchId, agency.value(), "REFUSED", 0, List.of(), reason, List.of());
        }

        private static @Nullable String header(ConsumerRecord<String, String> message, String name) {
            Header header = message.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
