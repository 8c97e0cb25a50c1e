package uk.mashhub.consent.override;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/**
 * A recorded decision to share without consent, for one referral, to the recorder's agency.
 *
 * <p>The hub refuses to record one without a justification and a gateway; the release rule checks
 * them again, because an override is only ever as good as what it carries.
 */
public record SharingOverride(
        OverrideId id,
        OverrideKind kind,
        ReferralId referral,
        PersonId person,
        Actor recordedBy,
        String justification,
        @Nullable String gateway,
        OverrideScope scope,
        Instant recordedAt,
        Instant expiresAt,
        Review review) {

    /** The agency the override lets records go to: the recorder's. */
    public AgencyId recipient() {
        return recordedBy.agency();
    }

    /** Whether it can still permit at {@code now}: not expired, not rejected. */
    public boolean inForce(Instant now) {
        return now.isBefore(expiresAt) && review.outcome() != ReviewOutcome.REJECTED;
    }
}
