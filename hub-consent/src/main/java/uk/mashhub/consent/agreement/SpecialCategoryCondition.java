package uk.mashhub.consent.agreement;

/**
 * The UK GDPR Article 9 condition (with its DPA 2018 Schedule 1 paragraph where one is needed), or
 * the Article 10 / DPA 2018 s10 condition for criminal offence data, that lets special-category
 * fields flow under a purpose.
 */
public enum SpecialCategoryCondition {
    ART_9_2_A_EXPLICIT_CONSENT,
    ART_9_2_B_SOCIAL_PROTECTION,
    ART_9_2_C_VITAL_INTERESTS,
    /** Substantial public interest: DPA 2018 Sch 1 Pt 2 para 18, safeguarding of children and individuals at risk. */
    ART_9_2_G_SAFEGUARDING_SCH1_PARA_18,
    /** Substantial public interest: DPA 2018 Sch 1 Pt 2 para 6, statutory and government purposes. */
    ART_9_2_G_STATUTORY_PURPOSES_SCH1_PARA_6,
    ART_9_2_H_HEALTH_AND_SOCIAL_CARE,
    /** Criminal offence data: UK GDPR Art 10 with DPA 2018 s10 and a Schedule 1 condition. */
    ART_10_DPA_2018_S10_CRIMINAL_OFFENCE
}
