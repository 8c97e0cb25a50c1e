package uk.mashhub.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the disclosure stream lives in Kafka and how the topic is created.
 *
 * <p>One partition keeps the stream in one total order, which is what a verifier of the hash
 * chain needs; replication comes from the cluster size (3 with {@code min.insync.replicas=2} in
 * production, 1 on a laptop).
 *
 * @param topic name of the disclosure topic
 * @param partitions partitions to create the topic with
 * @param replicas replication factor to create the topic with
 */
@ConfigurationProperties("hub.audit.stream")
public record DisclosureStreamProperties(
        @DefaultValue("mash-hub.disclosures") String topic,
        @DefaultValue("1") int partitions,
        @DefaultValue("1") short replicas) {

    public DisclosureStreamProperties {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("hub.audit.stream.topic must not be blank");
        }
        if (partitions < 1 || replicas < 1) {
            throw new IllegalArgumentException("hub.audit.stream partitions and replicas must be at least 1");
        }
    }
}
