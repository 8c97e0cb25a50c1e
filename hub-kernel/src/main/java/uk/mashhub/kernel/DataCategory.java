package uk.mashhub.kernel;

/**
 * The controlled vocabulary of what a record is about. Agreements permit flows per category;
 * consents cover categories; records carry exactly one.
 */
public enum DataCategory {
    IDENTITY,
    ADDRESS,
    HOUSEHOLD,
    POLICE_INCIDENTS,
    CRIMINAL_OFFENCES,
    DOMESTIC_ABUSE,
    HEALTH_SUMMARY,
    MENTAL_HEALTH,
    MATERNITY,
    EDUCATION_ATTENDANCE,
    EDUCATION_BEHAVIOUR,
    SPECIAL_EDUCATIONAL_NEEDS,
    SOCIAL_CARE_HISTORY,
    HOUSING_TENANCY,
    PROBATION_SUPERVISION
}
