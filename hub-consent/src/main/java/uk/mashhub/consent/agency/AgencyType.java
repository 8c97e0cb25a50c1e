package uk.mashhub.consent.agency;

/** The kind of partner organisation an agency is. */
public enum AgencyType {
    POLICE,
    CHILDRENS_SOCIAL_CARE,
    HEALTH,
    EDUCATION,
    PROBATION,
    HOUSING,
    ADULT_SOCIAL_CARE,
    OTHER
}
