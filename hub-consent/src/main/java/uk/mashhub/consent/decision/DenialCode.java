package uk.mashhub.consent.decision;

/** Why a release was denied: stable codes for machines, each with a sentence for people. */
public enum DenialCode {
    REFERRAL_NOT_OPEN("The referral is not open: records are released only for an open case."),
    NOT_ABOUT_REFERRAL_SUBJECT("The record is not about the referral's subject or a person linked to them."),
    NO_ACTIVE_AGREEMENT("No information sharing agreement in force covers the requesting and the providing agency."),
    AGREEMENT_SUSPENDED("The agreement that would cover this release is suspended."),
    AGREEMENT_EXPIRED("The agreement that would cover this release has expired."),
    AGREEMENT_NOT_YET_VALID("The agreement that would cover this release is not in force yet."),
    PURPOSE_NOT_IN_AGREEMENT("The agreement does not allow sharing for the purpose asked."),
    RECIPIENT_NOT_A_PARTY("The requesting agency is not a party to the agreement."),
    PROVIDER_NOT_A_PARTY("The agency that holds the record is not a party to the agreement."),
    CATEGORY_NOT_IN_ANY_FLOW(
            "No flow of the agreement lets this category of record go from its provider to the requester for this purpose."),
    CONSENT_MISSING(
            "The purpose requires consent, and none covering this purpose, recipient and category is in force."),
    CONSENT_REFUSED("The person refused consent for this purpose, recipient and category."),
    CONSENT_WITHDRAWN("The person withdrew consent for this purpose, recipient and category."),
    CONSENT_EXPIRED("The consent covering this release has expired."),
    CONSENT_FORM_NOT_ACCEPTED("Consent was recorded on a form version the agreement does not accept."),
    OVERRIDE_NOT_ALLOWED(
            "The purpose does not allow sharing without consent, so the override recorded cannot be used."),
    OVERRIDE_WITHOUT_JUSTIFICATION("The override recorded carries no justification."),
    OVERRIDE_WITHOUT_GATEWAY("The override recorded cites no legal gateway."),
    OVERRIDE_EXPIRED("The override or break-glass recorded for this referral has expired."),
    OVERRIDE_REJECTED("The data owner's reviewer rejected the override or break-glass recorded for this referral."),
    JUSTIFICATION_NOT_RECORDED(
            "The purpose needs a recorded justification and gateway for each case, and none is recorded for this referral."),
    NO_PERMITTED_FIELDS("None of the record's fields may be released under the flow.");

    private final String sentence;

    DenialCode(String sentence) {
        this.sentence = sentence;
    }

    /** A sentence a person can read; the same every time. */
    public String sentence() {
        return sentence;
    }
}
