package uk.mashhub.ingest.referral;

/** How urgent the referrer judges the concern. */
public enum Urgency {
    IMMEDIATE_RISK,
    URGENT,
    ROUTINE
}
