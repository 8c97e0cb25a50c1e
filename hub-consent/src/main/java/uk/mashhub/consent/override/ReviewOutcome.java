package uk.mashhub.consent.override;

/** Where an override is in review. A pending override already permits; a rejected one stops at once. */
public enum ReviewOutcome {
    PENDING,
    APPROVED,
    REJECTED
}
