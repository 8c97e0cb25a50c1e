package uk.mashhub.consent.agreement;

/** The UK GDPR Article 6 basis (or DPA 2018 Part 3 for law enforcement) a purpose relies on. */
public enum LawfulBasis {
    ART_6_1_A_CONSENT,
    ART_6_1_C_LEGAL_OBLIGATION,
    ART_6_1_D_VITAL_INTERESTS,
    ART_6_1_E_PUBLIC_TASK,
    /** Data (Use and Access) Act 2025: recognised legitimate interest, including safeguarding. */
    ART_6_1_EA_RECOGNISED_LEGITIMATE_INTEREST,
    ART_6_1_F_LEGITIMATE_INTERESTS,
    DPA_2018_PART_3_LAW_ENFORCEMENT
}
