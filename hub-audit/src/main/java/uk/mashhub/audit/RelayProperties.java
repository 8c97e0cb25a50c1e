package uk.mashhub.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the relay moves the audit log to the disclosure stream.
 *
 * @param enabled whether this instance takes part (one instance relays at a time in any case)
 * @param batchSize events read and sent per round
 * @param idleWait how long the relay waits after a round that was not full (it had caught up)
 * @param sendTimeout how long it waits for the broker to acknowledge a round before it retries
 * @param retryWait how long it waits after a failed round
 * @param transactionalId the Kafka transactional id of the relay, the same on every instance of one
 *     hub (so a new leader fences the old one)
 */
@ConfigurationProperties("hub.audit.relay")
record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("100ms") Duration idleWait,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1s") Duration retryWait,
        @DefaultValue("mash-hub-audit-relay") String transactionalId) {

    RelayProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("hub.audit.relay.batch-size must be at least 1");
        }
    }
}
