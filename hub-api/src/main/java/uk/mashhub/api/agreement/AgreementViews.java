package uk.mashhub.api.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.Labels;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.agreement.LawfulBasis;
import uk.mashhub.consent.agreement.PartySelector;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.agreement.Signature;
import uk.mashhub.consent.agreement.SpecialCategoryCondition;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubScope;

/** How the web pages show agreements: words and dates for people, never the API's codes alone. */
final class AgreementViews {

    private AgreementViews() {}

    /** The partner agencies' names by id; an agency the hub does not know is shown by its id. */
    record Names(Map<AgencyId, String> byId) {

        String of(AgencyId agency) {
            return byId.getOrDefault(agency, agency.value());
        }

        String of(PartySelector end) {
            return end.agency() != null ? of(end.agency()) : "Every " + typeName(end.type()) + " party";
        }
    }

    /** A GOV.UK tag: its words and its colour modifier. */
    record Tag(String text, String classes) {

        static Tag of(AgreementStatus status) {
            return switch (status) {
                case DRAFT -> new Tag("Draft", "govuk-tag govuk-tag--light-blue");
                case ACTIVE -> new Tag("Active", "govuk-tag govuk-tag--green");
                case SUSPENDED -> new Tag("Suspended", "govuk-tag govuk-tag--orange");
                case EXPIRED -> new Tag("Expired", "govuk-tag govuk-tag--grey");
                case TERMINATED -> new Tag("Terminated", "govuk-tag govuk-tag--red");
                case SUPERSEDED -> new Tag("Superseded", "govuk-tag govuk-tag--grey");
            };
        }
    }

    /** One agreement in the list: its newest version. */
    record Row(
            String href,
            String title,
            int version,
            Tag status,
            List<String> parties,
            String inForce,
            List<String> awaitingSignature) {

        static Row of(AgreementVersion version, Names names, LocalDate today) {
            return new Row(
                    path(version.ref()),
                    version.terms().title(),
                    version.ref().version(),
                    Tag.of(version.status(today)),
                    version.terms().parties().stream()
                            .map(party -> names.of(party.agency()))
                            .toList(),
                    AgreementViews.inForce(version),
                    version.awaitingSignature().stream().map(names::of).toList());
        }
    }

    /** One party and its signature on the current text, if it has signed. */
    record PartyView(
            String agency,
            @Nullable String signatoryName,
            @Nullable String signatoryRole,
            @Nullable String signedAt) {

        public boolean signed() {
            return signatoryName != null;
        }
    }

    record FlowView(
            String provider,
            String recipient,
            String category,
            List<String> permittedFields,
            String specialCategory,
            String retention) {

        static FlowView of(Flow flow, Names names) {
            return new FlowView(
                    names.of(flow.provider()),
                    names.of(flow.recipient()),
                    Labels.words(flow.category().name()),
                    flow.permittedFields(),
                    flow.specialCategoryAllowed() ? "Allowed" : "Not allowed",
                    flow.retentionDays() + (flow.retentionDays() == 1 ? " day" : " days"));
        }
    }

    record PurposeView(
            String name,
            String code,
            String lawfulBasis,
            @Nullable String specialCategoryCondition,
            List<String> gateways,
            String consent,
            String withoutConsent,
            List<String> consentForms,
            List<FlowView> flows) {

        static PurposeView of(Purpose purpose, Names names) {
            return new PurposeView(
                    Labels.words(purpose.code().value()),
                    purpose.code().value(),
                    basis(purpose.lawfulBasis()),
                    purpose.specialCategoryCondition() == null ? null : condition(purpose.specialCategoryCondition()),
                    purpose.gateways(),
                    AgreementViews.consent(purpose.consentMode()),
                    purpose.overrideAllowed()
                            ? "Allowed with a recorded justification and gateway, reviewed by the data owner"
                            : "Not allowed",
                    purpose.acceptedConsentForms().stream()
                            .map(form -> form.formId() + " version " + form.version())
                            .toList(),
                    purpose.flows().stream()
                            .map(flow -> FlowView.of(flow, names))
                            .toList());
        }
    }

    /** Another version of the same agreement, for the list of versions. */
    record VersionLink(String href, int version, Tag status, String inForce, boolean shown) {}

    /** What the person may do to the version shown: only what the lifecycle and their role allow. */
    record Actions(boolean sign, boolean activate, boolean suspend, boolean resume, boolean terminate) {

        static Actions of(AgreementVersion version, HubCaller caller) {
            if (!caller.scopes().contains(HubScope.GOVERN)) {
                return new Actions(false, false, false, false, false);
            }
            AgreementStatus stored = version.storedStatus();
            boolean draft = stored == AgreementStatus.DRAFT;
            return new Actions(
                    draft && version.awaitingSignature().contains(caller.agency()),
                    draft && version.awaitingSignature().isEmpty(),
                    stored == AgreementStatus.ACTIVE,
                    stored == AgreementStatus.SUSPENDED,
                    stored == AgreementStatus.ACTIVE || stored == AgreementStatus.SUSPENDED);
        }

        public boolean any() {
            return sign || activate || suspend || resume || terminate;
        }
    }

    /** One version in full, as the agreement page shows it. */
    record VersionView(
            String href,
            String title,
            int version,
            Tag status,
            String validFrom,
            String validUntil,
            String reviewDate,
            String draftedBy,
            String draftedAt,
            @Nullable String activatedAt,
            @Nullable String statusReason,
            String termsDigest,
            String viewerAgency,
            boolean governs,
            List<PartyView> parties,
            List<PurposeView> purposes,
            List<VersionLink> versions,
            Actions actions) {

        static VersionView of(
                AgreementVersion version, List<AgreementVersion> all, Names names, HubCaller caller, LocalDate today) {
            List<Signature> current = version.currentSignatures();
            return new VersionView(
                    path(version.ref()),
                    version.terms().title(),
                    version.ref().version(),
                    Tag.of(version.status(today)),
                    Labels.dateOf(version.terms().validFrom()),
                    Labels.dateOf(version.terms().validUntil()),
                    Labels.dateOf(version.terms().reviewDate()),
                    names.of(version.draftedBy().agency()),
                    Labels.timeOf(version.draftedAt()),
                    version.activatedAt() == null ? null : Labels.timeOf(version.activatedAt()),
                    version.statusReason(),
                    version.termsDigest(),
                    names.of(caller.agency()),
                    caller.scopes().contains(HubScope.GOVERN),
                    version.terms().parties().stream()
                            .map(party -> party(party.agency(), current, names))
                            .toList(),
                    version.terms().purposes().stream()
                            .map(purpose -> PurposeView.of(purpose, names))
                            .toList(),
                    (all.isEmpty() ? List.of(version) : all)
                            .stream()
                                    .map(other -> new VersionLink(
                                            path(other.ref()),
                                            other.ref().version(),
                                            Tag.of(other.status(today)),
                                            inForce(other),
                                            other.ref().equals(version.ref())))
                                    .toList(),
                    Actions.of(version, caller));
        }

        private static PartyView party(AgencyId agency, List<Signature> current, Names names) {
            Optional<Signature> signature =
                    current.stream().filter(s -> s.agency().equals(agency)).findFirst();
            return new PartyView(
                    names.of(agency),
                    signature.map(Signature::signatoryName).orElse(null),
                    signature.map(Signature::signatoryRole).orElse(null),
                    signature.map(s -> Labels.timeOf(s.signedAt())).orElse(null));
        }
    }

    static String path(AgreementRef ref) {
        return "/agreements/" + ref.id() + "/versions/" + ref.version();
    }

    private static String inForce(AgreementVersion version) {
        return Labels.dateOf(version.terms().validFrom()) + " to "
                + Labels.dateOf(version.terms().validUntil());
    }

    /** {@code SAFEGUARDING_CHILDREN} as "Safeguarding children". */
    private static String typeName(@Nullable AgencyType type) {
        if (type == null) {
            return "other";
        }
        return switch (type) {
            case POLICE -> "police";
            case CHILDRENS_SOCIAL_CARE -> "children's social care";
            case HEALTH -> "health";
            case EDUCATION -> "education";
            case PROBATION -> "probation";
            case HOUSING -> "housing";
            case ADULT_SOCIAL_CARE -> "adult social care";
            case OTHER -> "other";
        };
    }

    private static String basis(LawfulBasis basis) {
        return switch (basis) {
            case ART_6_1_A_CONSENT -> "UK GDPR Article 6(1)(a): consent";
            case ART_6_1_C_LEGAL_OBLIGATION -> "UK GDPR Article 6(1)(c): legal obligation";
            case ART_6_1_D_VITAL_INTERESTS -> "UK GDPR Article 6(1)(d): vital interests";
            case ART_6_1_E_PUBLIC_TASK -> "UK GDPR Article 6(1)(e): public task";
            case ART_6_1_EA_RECOGNISED_LEGITIMATE_INTEREST ->
                "UK GDPR Article 6(1)(ea): recognised legitimate interest";
            case ART_6_1_F_LEGITIMATE_INTERESTS -> "UK GDPR Article 6(1)(f): legitimate interests";
            case DPA_2018_PART_3_LAW_ENFORCEMENT -> "Data Protection Act 2018 Part 3: law enforcement processing";
        };
    }

    private static String condition(SpecialCategoryCondition condition) {
        return switch (condition) {
            case ART_9_2_A_EXPLICIT_CONSENT -> "UK GDPR Article 9(2)(a): explicit consent";
            case ART_9_2_B_SOCIAL_PROTECTION ->
                "UK GDPR Article 9(2)(b): employment, social security and social protection";
            case ART_9_2_C_VITAL_INTERESTS -> "UK GDPR Article 9(2)(c): vital interests";
            case ART_9_2_G_SAFEGUARDING_SCH1_PARA_18 ->
                "UK GDPR Article 9(2)(g) with DPA 2018 Schedule 1 paragraph 18: safeguarding of children and individuals at risk";
            case ART_9_2_G_STATUTORY_PURPOSES_SCH1_PARA_6 ->
                "UK GDPR Article 9(2)(g) with DPA 2018 Schedule 1 paragraph 6: statutory and government purposes";
            case ART_9_2_H_HEALTH_AND_SOCIAL_CARE -> "UK GDPR Article 9(2)(h): health and social care";
            case ART_10_DPA_2018_S10_CRIMINAL_OFFENCE ->
                "UK GDPR Article 10 with DPA 2018 section 10: criminal offence data";
        };
    }

    private static String consent(ConsentMode mode) {
        return switch (mode) {
            case REQUIRED -> "Required: the person's consent must cover this purpose, the recipient and the data";
            case NOT_REQUIRED -> "Not required: sharing rests on the lawful basis and gateways";
            case JUSTIFICATION_REQUIRED -> "Not required, but each case needs a recorded justification and gateway";
        };
    }
}
