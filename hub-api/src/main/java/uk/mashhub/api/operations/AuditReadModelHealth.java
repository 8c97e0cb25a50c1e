package uk.mashhub.api.operations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.reader.ReadModelStatus;
import uk.mashhub.audit.reader.StreamReader;

/**
 * The auditor read model: its position, how far it is behind the source log, and any gap or chain
 * break it found in the stream. Part of readiness; a read model that is behind, stuck at a gap or
 * at an event that does not verify makes the hub {@link KafkaHealth#DEGRADED} (HTTP 200), never
 * DOWN — releases do not depend on it, but auditors' answers do, so an operator must look.
 */
@Component("auditReadModel")
class AuditReadModelHealth extends AbstractHealthIndicator {

    /** More events than this not yet in the read model is worth an operator's attention. */
    static final long LAG_ALERT = 10_000;

    private final AuditChain chain;
    private final StreamReader reader;

    AuditReadModelHealth(AuditChain chain, StreamReader reader) {
        super("Audit read model health check failed");
        this.chain = chain;
        this.reader = reader;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ReadModelStatus status = reader.status();
        long lag = Math.max(0, chain.status().headSequence() - status.position());
        builder.status(status.healthy() && lag <= LAG_ALERT ? Status.UP : KafkaHealth.DEGRADED)
                .withDetail("position", status.position())
                .withDetail("lag", lag)
                .withDetail("consumesHere", status.consuming());
        ReadModelStatus.Gap gap = status.gap();
        if (gap != null) {
            builder.withDetail("gap", gap)
                    .withDetail(
                            "impact",
                            "Events after sequence " + (gap.missing() - 1) + " wait until " + gap.missing()
                                    + " arrives; replay the stream from there");
        }
        if (status.chainBreak() != null) {
            builder.withDetail("chainBreak", status.chainBreak());
        }
        if (status.lastFailure() != null) {
            builder.withDetail("lastFailure", status.lastFailure());
        }
    }
}
