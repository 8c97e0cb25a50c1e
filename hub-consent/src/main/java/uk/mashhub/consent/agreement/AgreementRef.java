package uk.mashhub.consent.agreement;

/** One version of one agreement: what a release decision and an audit event point at. */
public record AgreementRef(AgreementId id, int version) {

    public AgreementRef {
        if (version < 1) {
            throw new IllegalArgumentException("agreement versions start at 1");
        }
    }

    @Override
    public String toString() {
        return id + " v" + version;
    }
}
