package uk.mashhub.consent.agency;

/** Whether an agency currently takes part in the partnership. */
public enum AgencyStatus {
    ACTIVE,
    INACTIVE
}
