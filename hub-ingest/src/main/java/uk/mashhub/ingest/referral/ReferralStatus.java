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

    /** A RAG rating can be set or changed while the referral is being worked. */
    public boolean mayBeRated() {
        return this == RECEIVED || this == TRIAGED || this == GATHERING;
    }

    /** An outcome can be recorded once the referral is triaged, before it is decided. */
    public boolean mayBeDecided() {
        return this == TRIAGED || this == GATHERING;
    }
}
