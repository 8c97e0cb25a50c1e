package uk.mashhub.consent.agreement;

/**
 * Where an agreement version is in its life. {@link #EXPIRED} is never stored: a live version is
 * expired from the day after its validity ends, whatever is stored.
 */
public enum AgreementStatus {
    /** Being written; parties sign it; permits nothing. */
    DRAFT,
    /** Signed by every party and in force (within its dates). */
    ACTIVE,
    /** Paused by a party; permits nothing until resumed. */
    SUSPENDED,
    /** Past its validity end date. */
    EXPIRED,
    /** Ended for good by a party. */
    TERMINATED,
    /** Replaced by a later version of the same agreement that was activated. */
    SUPERSEDED
}
