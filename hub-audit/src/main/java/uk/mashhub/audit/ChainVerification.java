package uk.mashhub.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying the audit chain.
 *
 * @param intact whether every event checked holds
 * @param eventsChecked how many events verified
 * @param checkpointsVerified how many signed checkpoints among them verified
 * @param lastGoodSequence the last sequence number that verified (0 if none)
 * @param firstBadSequence the first sequence number that does not hold, if any
 * @param problem what is wrong with it, in a sentence
 */
public record ChainVerification(
        boolean intact,
        long eventsChecked,
        long checkpointsVerified,
        long lastGoodSequence,
        @Nullable Long firstBadSequence,
        @Nullable String problem) {}
