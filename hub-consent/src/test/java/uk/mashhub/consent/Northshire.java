package uk.mashhub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementId;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.AgreementTerms;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.agreement.LawfulBasis;
import uk.mashhub.consent.agreement.Party;
import uk.mashhub.consent.agreement.PartySelector;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.agreement.SpecialCategoryCondition;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PurposeCode;

/**
 * The fictional Northshire safeguarding children partnership, for tests and benchmarks: the same
 * shape as the worked example in docs/agreements.md.
 */
public final class Northshire {

    public static final AgencyId POLICE = new AgencyId("northshire-police");
    public static final AgencyId CHILDRENS = new AgencyId("northshire-childrens-services");
    public static final AgencyId HEALTH = new AgencyId("northshire-health");
    public static final AgencyId EDUCATION = new AgencyId("northshire-education");
    /** A partner agency that is party to no agreement. */
    public static final AgencyId HOUSING = new AgencyId("northshire-housing");

    public static final PurposeCode SAFEGUARDING = new PurposeCode("SAFEGUARDING_CHILDREN");
    public static final PurposeCode EARLY_HELP = new PurposeCode("EARLY_HELP");
    public static final PurposeCode DOMESTIC_ABUSE = new PurposeCode("DOMESTIC_ABUSE_RISK");

    public static final ConsentForm EARLY_HELP_FORM = new ConsentForm("NSCP-EH-CONSENT", "3");

    public static final List<Party> PARTIES = List.of(
            new Party(POLICE, AgencyType.POLICE),
            new Party(CHILDRENS, AgencyType.CHILDRENS_SOCIAL_CARE),
            new Party(HEALTH, AgencyType.HEALTH),
            new Party(EDUCATION, AgencyType.EDUCATION));

    public static final Actor CHILDRENS_PRACTITIONER = new Actor(CHILDRENS, "pat.practitioner");
    public static final Actor GOVERNANCE = new Actor(CHILDRENS, "iris.governance");

    private Northshire() {}

    public static Purpose safeguarding() {
        return new Purpose(
                SAFEGUARDING,
                LawfulBasis.ART_6_1_E_PUBLIC_TASK,
                SpecialCategoryCondition.ART_9_2_G_SAFEGUARDING_SCH1_PARA_18,
                List.of("Children Act 1989 s47", "Children Act 2004 s11"),
                ConsentMode.NOT_REQUIRED,
                false,
                List.of(),
                List.of(
                        new Flow(
                                PartySelector.agency(POLICE),
                                PartySelector.type(AgencyType.CHILDRENS_SOCIAL_CARE),
                                DataCategory.POLICE_INCIDENTS,
                                List.of("incidentDate", "incidentType", "summary", "offenceCategory"),
                                true,
                                365),
                        new Flow(
                                PartySelector.type(AgencyType.HEALTH),
                                PartySelector.type(AgencyType.CHILDRENS_SOCIAL_CARE),
                                DataCategory.HEALTH_SUMMARY,
                                List.of("gpPractice", "immunisationsUpToDate", "diagnoses"),
                                true,
                                365),
                        new Flow(
                                PartySelector.type(AgencyType.EDUCATION),
                                PartySelector.type(AgencyType.CHILDRENS_SOCIAL_CARE),
                                DataCategory.EDUCATION_ATTENDANCE,
                                List.of("school", "attendancePercent", "term"),
                                false,
                                365)));
    }

    public static Purpose earlyHelp(boolean overrideAllowed) {
        return new Purpose(
                EARLY_HELP,
                LawfulBasis.ART_6_1_E_PUBLIC_TASK,
                null,
                List.of("Children Act 2004 s10"),
                ConsentMode.REQUIRED,
                overrideAllowed,
                List.of(EARLY_HELP_FORM),
                List.of(
                        new Flow(
                                PartySelector.type(AgencyType.EDUCATION),
                                PartySelector.agency(CHILDRENS),
                                DataCategory.EDUCATION_ATTENDANCE,
                                List.of("attendancePercent", "term"),
                                false,
                                180),
                        new Flow(
                                PartySelector.agency(HEALTH),
                                PartySelector.agency(CHILDRENS),
                                DataCategory.HEALTH_SUMMARY,
                                List.of("gpPractice", "immunisationsUpToDate", "diagnoses"),
                                false,
                                180)));
    }

    public static Purpose domesticAbuse() {
        return new Purpose(
                DOMESTIC_ABUSE,
                LawfulBasis.ART_6_1_E_PUBLIC_TASK,
                SpecialCategoryCondition.ART_10_DPA_2018_S10_CRIMINAL_OFFENCE,
                List.of("Crime and Disorder Act 1998 s115"),
                ConsentMode.JUSTIFICATION_REQUIRED,
                true,
                List.of(),
                List.of(new Flow(
                        PartySelector.agency(POLICE),
                        PartySelector.agency(HEALTH),
                        DataCategory.DOMESTIC_ABUSE,
                        List.of("incidentDate", "riskLevel"),
                        true,
                        90)));
    }

    public static AgreementTerms terms(boolean earlyHelpOverrideAllowed) {
        return new AgreementTerms(
                "Northshire Safeguarding Children Partnership information sharing agreement",
                PARTIES,
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2028, 12, 31),
                LocalDate.of(2027, 12, 1),
                List.of(safeguarding(), earlyHelp(earlyHelpOverrideAllowed), domesticAbuse()));
    }

    /** The agreement, signed and in force. */
    public static AgreementVersion activeAgreement() {
        return activeAgreement(terms(true), AgreementStatus.ACTIVE);
    }

    public static AgreementVersion activeAgreement(AgreementTerms terms, AgreementStatus status) {
        Instant drafted = Instant.parse("2025-12-01T09:00:00Z");
        return new AgreementVersion(
                new AgreementRef(new AgreementId(UUID.fromString("00000000-0000-4000-8000-00000000a001")), 1),
                status,
                terms,
                "0".repeat(64),
                List.of(),
                GOVERNANCE,
                drafted,
                drafted,
                drafted,
                null);
    }

    public static Set<DataCategory> categories(DataCategory... categories) {
        return Set.of(categories);
    }
}
