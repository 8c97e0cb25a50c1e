package uk.mashhub.kernel;

/**
 * The OAuth2 scopes the hub understands. Each separates one kind of work; a token carries only
 * the scopes its holder's role allows.
 */
public enum HubScope {
    /** Agency case systems posting referrals and contributing records. */
    CONTRIBUTE("hub.contribute"),
    /** Triage work by MASH practitioners: RAG ratings, outcomes, person-match review. */
    TRIAGE("hub.triage"),
    /** Asking for the release of records for an open referral. */
    RELEASE("hub.release"),
    /** Managing information sharing agreements and recording consent. */
    GOVERN("hub.govern"),
    /** Reviewing overrides and break-glass disclosures (Caldicott Guardian, DPO). */
    REVIEW("hub.review"),
    /** Reading and exporting the audit log. */
    AUDIT("hub.audit"),
    /** Scraping operational metrics. */
    METRICS("hub.metrics");

    private final String value;

    HubScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in a token's {@code scope} claim. */
    public String value() {
        return value;
    }

    /** The Spring Security authority a token with this scope is granted. */
    public String authority() {
        return "SCOPE_" + value;
    }
}
