package uk.mashhub.ingest.referral;

/** Where a referral is: RECEIVED → TRIAGED → GATHERING → DECIDED → CLOSED. */
public enum ReferralStatus {
    RECEIVED,
    TRIAGED,
    GATHERING,
    DECIDED,
    CLOSED;

    public boolean open() {
        return this != DECIDED && this != CLOSED;
    }
}
