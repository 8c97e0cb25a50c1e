package uk.mashhub.consent.override;

import java.time.Instant;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/** What a practitioner records to share without consent (or, for a break-glass, outside any agreement). */
public record OverrideRequest(
        OverrideKind kind,
        ReferralId referral,
        PersonId person,
        String justification,
        String gateway,
        OverrideScope scope,
        Instant expiresAt) {}
