package uk.mashhub.audit.reader;

/**
 * The grounds (Data Protection Act 2018) on which an entry may be left out of a subject access
 * answer. Recorded with every withholding; the entry stays in the log and in every auditor's view.
 */
public enum Exemption {
    /** Schedule 2 paragraph 2: disclosure would prejudice the prevention or detection of crime. */
    CRIME_AND_TAXATION,
    /** Schedule 2 paragraph 16: it would disclose information about another identifiable person. */
    THIRD_PARTY_DATA,
    /** Schedule 2 paragraph 19: legal professional privilege. */
    LEGAL_PROFESSIONAL_PRIVILEGE,
    /** Schedule 3 paragraph 5: serious harm to the physical or mental health of anyone (health data). */
    SERIOUS_HARM_HEALTH,
    /** Schedule 3 paragraph 7: serious harm to anyone (social work data). */
    SERIOUS_HARM_SOCIAL_WORK,
    /** Schedule 3 paragraph 21: child abuse data, where disclosure is not in the child's best interests. */
    CHILD_ABUSE_DATA
}
