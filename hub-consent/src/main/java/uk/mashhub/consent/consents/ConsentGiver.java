package uk.mashhub.consent.consents;

/** Who gave, refused or withdrew consent. */
public enum ConsentGiver {
    /** The data subject (an adult, or a young person over 16). */
    SUBJECT,
    /** Someone with parental responsibility for a child; their name and relationship are recorded. */
    PARENTAL_RESPONSIBILITY,
    /** A child judged competent to decide for themselves (Gillick / Fraser). */
    COMPETENT_CHILD
}
