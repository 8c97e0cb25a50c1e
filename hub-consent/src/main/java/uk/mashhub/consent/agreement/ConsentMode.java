package uk.mashhub.consent.agreement;

/** Whether a purpose needs the subject's consent to share. */
public enum ConsentMode {
    /** A consent covering purpose, recipient and category must be GIVEN (or, where allowed, an override recorded). */
    REQUIRED,
    /** Sharing rests on the agreement's lawful basis and gateways alone. */
    NOT_REQUIRED,
    /** Consent is not needed, but the practitioner must record a justification and gateway for each case. */
    JUSTIFICATION_REQUIRED
}
