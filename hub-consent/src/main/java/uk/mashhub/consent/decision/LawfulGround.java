package uk.mashhub.consent.decision;

/** What a permitted release rests on, besides the agreement. */
public enum LawfulGround {
    /** A consent covering purpose, recipient and category, given on an accepted form. */
    CONSENT,
    /** The purpose does not need consent: the agreement's basis and gateways suffice. */
    AGREEMENT,
    /** An override in force, with justification and gateway, where the purpose allows it. */
    OVERRIDE,
    /** An emergency break-glass in force, outside any agreement. */
    BREAK_GLASS
}
