package uk.mashhub.consent.consents;

/** What a consent entry says. */
public enum ConsentStatus {
    GIVEN,
    REFUSED,
    /** Stops future releases from the moment it is recorded; releases before it stand. */
    WITHDRAWN
}
