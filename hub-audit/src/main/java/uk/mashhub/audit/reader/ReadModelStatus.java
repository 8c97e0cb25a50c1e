package uk.mashhub.audit.reader;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far the auditor read model has got, and whether what it holds is whole.
 *
 * @param consuming whether this instance is consuming the stream now
 * @param position the last sequence number applied: every event up to it is in the read model (or
 *     was removed by retention), verified against the chain
 * @param positionHash the hash of that event
 * @param appliedByThisInstance events this instance applied since it started
 * @param duplicatesSkipped records that repeated an applied sequence number with the same content
 * @param gap a sequence number that has not arrived while later ones have, if any
 * @param chainBreak the first event that arrived but does not verify, if any (not applied)
 * @param unreadableRecords records on the topic that were not disclosure records at all
 * @param lastFailure why the last consuming session failed, if it did (a class name, no data)
 */
public record ReadModelStatus(
        boolean consuming,
        long position,
        String positionHash,
        long appliedByThisInstance,
        long duplicatesSkipped,
        @Nullable Gap gap,
        @Nullable Break chainBreak,
        long unreadableRecords,
        @Nullable String lastFailure) {

    /** Sequence {@code missing} has not arrived; {@code nextHeld} and later are held back until it does. */
    public record Gap(long missing, long nextHeld, int held, Instant since) {}

    /** The event with {@code sequence} arrived but does not hold: {@code problem} says why. */
    public record Break(long sequence, String problem, Instant at) {}

    /** Whether the read model is whole up to its position and not stuck. */
    public boolean healthy() {
        return gap == null && chainBreak == null;
    }
}
