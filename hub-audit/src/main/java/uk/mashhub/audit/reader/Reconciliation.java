package uk.mashhub.audit.reader;

import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.audit.AuditChain;

/**
 * Reconciles the read model against the source log: the read model holds the same chain (the hash
 * at its position is the source's hash there), and every sequence number up to its position is in
 * it or was removed by retention. What it has not consumed yet is reported as lag, not as missing.
 */
public final class Reconciliation {

    private final ReadModel readModel;
    private final AuditChain source;
    private final DisclosureLog log;

    Reconciliation(ReadModel readModel, AuditChain source, DisclosureLog log) {
        this.readModel = readModel;
        this.source = source;
        this.log = log;
    }

    /** Reconciles for an auditor and records that they did ({@code AuditReadModelReconciled}, appended after the run). */
    public Result runFor(AuditViewer viewer) {
        Result result = run();
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("reconciled", result.reconciled());
        details.put("sourceHead", result.sourceHead());
        details.put("readModelPosition", result.readModelPosition());
        details.put("missing", result.missing());
        log.audit("AuditReadModelReconciled", viewer, details);
        return result;
    }

    /** A run of sequence numbers that the read model lacks, with nothing in retention to explain it. */
    public record Range(long from, long to) {}

    /**
     * @param sourceHead the last sequence number of the source log
     * @param readModelPosition the last sequence number the read model applied
     * @param sameChain whether the read model's hash at its position is the source's
     * @param eventsInReadModel events the read model holds up to its position
     * @param removedByRetention events retention removed from it
     * @param missing sequence numbers up to the position that are neither held nor removed by retention
     * @param gaps where events are missing (only looked for when some are; at most 100 ranges)
     * @param notYetConsumed events in the source log after the read model's position
     */
    public record Result(
            long sourceHead,
            long readModelPosition,
            boolean sameChain,
            long eventsInReadModel,
            long removedByRetention,
            long missing,
            List<Range> gaps,
            long notYetConsumed,
            @Nullable String problem) {

        /** Whether every sequence number of the source log up to the position is accounted for. */
        public boolean reconciled() {
            return sameChain && missing == 0;
        }
    }

    public Result run() {
        long head = source.status().headSequence();
        ReadModel.Position position = readModel.position();
        boolean sameChain = position.sequence() <= head
                && source.hashAt(position.sequence())
                        .map(position.hash()::equals)
                        .orElse(false);
        Long held = readModel
                .jdbc()
                .queryForObject(
                        "SELECT count(*) FROM audit_read.event WHERE sequence <= ?", Long.class, position.sequence());
        Long removed = readModel
                .jdbc()
                .queryForObject("SELECT coalesce(sum(events), 0) FROM audit_read.retention_cut", Long.class);
        long inReadModel = held == null ? 0 : held;
        long cut = removed == null ? 0 : removed;
        long missing = position.sequence() - inReadModel - cut;
        List<Range> gaps = missing == 0 ? List.of() : gaps(position.sequence());
        String problem = null;
        if (!sameChain) {
            problem = position.sequence() > head
                    ? "the read model is ahead of the source log"
                    : "the read model's event " + position.sequence() + " is not the source log's";
        } else if (missing > 0) {
            problem = missing + " events up to sequence " + position.sequence() + " are not in the read model";
        } else if (missing < 0) {
            problem = "the read model holds more events than its position accounts for";
        }
        return new Result(
                head,
                position.sequence(),
                sameChain,
                inReadModel,
                cut,
                missing,
                gaps,
                Math.max(0, head - position.sequence()),
                problem);
    }

    private List<Range> gaps(long upTo) {
        return readModel.jdbc().query("""
                SELECT previous + 1, sequence - 1 FROM (
                  SELECT sequence, coalesce(lag(sequence) OVER (ORDER BY sequence), 0) AS previous
                  FROM audit_read.event WHERE sequence <= ?
                  UNION ALL SELECT ? + 1, (SELECT coalesce(max(sequence), 0) FROM audit_read.event WHERE sequence <= ?)
                ) s WHERE sequence > previous + 1 ORDER BY 1 LIMIT 100""", (row, n) -> new Range(row.getLong(1), row.getLong(2)), upTo, upTo, upTo);
    }
}
