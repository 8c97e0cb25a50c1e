package uk.mashhub.api.operations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.DisclosureRelay;

/**
 * How far the disclosure stream is behind the audit log. Part of readiness; a relay that is behind
 * or failing makes the hub {@link KafkaHealth#DEGRADED} (HTTP 200), never DOWN: releases go on,
 * PostgreSQL holds every event, and the relay catches up when it can.
 */
@Component("auditRelay")
class AuditRelayHealth extends AbstractHealthIndicator {

    /** More events than this waiting for the stream is worth an operator's attention. */
    static final long LAG_ALERT = 1_000;

    private final AuditChain chain;
    private final DisclosureRelay relay;

    AuditRelayHealth(AuditChain chain, DisclosureRelay relay) {
        super("Audit relay health check failed");
        this.chain = chain;
        this.relay = relay;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        AuditChain.Status status = chain.status();
        DisclosureRelay.State state = relay.state();
        boolean failing = state.leader() && state.lastFailure() != null;
        builder.status(
                        status.relayLag() > LAG_ALERT || failing
                                ? KafkaHealth.DEGRADED
                                : org.springframework.boot.health.contributor.Status.UP)
                .withDetail("headSequence", status.headSequence())
                .withDetail("relayedSequence", status.relayedSequence())
                .withDetail("lag", status.relayLag())
                .withDetail("relaysHere", state.leader());
        if (failing) {
            builder.withDetail("lastFailure", state.lastFailure())
                    .withDetail("impact", "Audit events wait in PostgreSQL until the disclosure stream accepts them");
        }
    }
}
