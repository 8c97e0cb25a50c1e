package uk.mashhub.consent.override;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.Actor;

/** The data owner's review of an override: pending, or approved / rejected by whom, when, with a note. */
public record Review(
        ReviewOutcome outcome,
        @Nullable String note,
        @Nullable Actor reviewer,
        @Nullable Instant reviewedAt) {

    public static Review pending() {
        return new Review(ReviewOutcome.PENDING, null, null, null);
    }
}
