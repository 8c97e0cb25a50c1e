package mashhub.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import uk.mashhub.consent.Northshire;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementId;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.AgreementTerms;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.Party;
import uk.mashhub.consent.consents.Consent;
import uk.mashhub.consent.consents.ConsentGiver;
import uk.mashhub.consent.consents.ConsentId;
import uk.mashhub.consent.consents.ConsentScope;
import uk.mashhub.consent.consents.ConsentStatus;
import uk.mashhub.consent.decision.RecordFacts;
import uk.mashhub.consent.decision.ReferralFacts;
import uk.mashhub.consent.decision.ReleaseRequest;
import uk.mashhub.consent.decision.ReleaseRule;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.OverrideScope;
import uk.mashhub.consent.override.Review;
import uk.mashhub.consent.override.SharingOverride;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * A partnership at the size of a county MASH, loaded once: the Northshire agreement plus nine other
 * agreements between other agencies, 10,000 children with one to three consent entries each, 2,000
 * referrals of which a quarter carry an override, and 4,096 release requests mixing every outcome
 * (permits on consent, on the agreement alone and on overrides; denials for missing or refused
 * consent, wrong purpose, non-party requester, closed referral, category without a flow).
 */
final class DecisionWorld {

    static final Instant NOW = Instant.parse("2027-03-10T10:00:00Z");
    static final int REQUESTS = 4096;

    final ReleaseRule rule;
    final ReleaseRequest[] requests = new ReleaseRequest[REQUESTS];

    DecisionWorld(long seed) {
        Random random = new Random(seed);
        List<AgreementVersion> agreements = new ArrayList<>();
        agreements.add(Northshire.activeAgreement());
        for (int i = 0; i < 9; i++) {
            agreements.add(otherAgreement(i));
        }

        int children = 10_000;
        PersonId[] child = new PersonId[children];
        Map<PersonId, List<Consent>> consents = new HashMap<>();
        for (int i = 0; i < children; i++) {
            child[i] = new PersonId(new UUID(0x4000L, i));
            List<Consent> history = new ArrayList<>();
            for (int entry = 1 + random.nextInt(3); entry > 0; entry--) {
                history.add(consent(child[i], random));
            }
            history.sort((a, b) -> a.recordedAt().compareTo(b.recordedAt()));
            consents.put(child[i], history);
        }

        int referralCount = 2_000;
        ReferralId[] referral = new ReferralId[referralCount];
        Map<ReferralId, List<SharingOverride>> overrides = new HashMap<>();
        for (int i = 0; i < referralCount; i++) {
            referral[i] = new ReferralId(new UUID(0x5000L, i));
            if (i % 4 == 0) {
                overrides.put(referral[i], List.of(override(referral[i], child[i % children])));
            }
        }

        List<Template> templates = List.of(
                new Template(
                        Northshire.CHILDRENS,
                        Northshire.EARLY_HELP,
                        Northshire.EDUCATION,
                        DataCategory.EDUCATION_ATTENDANCE),
                new Template(
                        Northshire.CHILDRENS, Northshire.EARLY_HELP, Northshire.HEALTH, DataCategory.HEALTH_SUMMARY),
                new Template(
                        Northshire.CHILDRENS,
                        Northshire.SAFEGUARDING,
                        Northshire.POLICE,
                        DataCategory.POLICE_INCIDENTS),
                new Template(
                        Northshire.CHILDRENS, Northshire.SAFEGUARDING, Northshire.HEALTH, DataCategory.HEALTH_SUMMARY),
                new Template(
                        Northshire.HEALTH, Northshire.DOMESTIC_ABUSE, Northshire.POLICE, DataCategory.DOMESTIC_ABUSE),
                new Template(
                        Northshire.HOUSING, Northshire.SAFEGUARDING, Northshire.POLICE, DataCategory.POLICE_INCIDENTS),
                new Template(
                        Northshire.CHILDRENS,
                        new PurposeCode("ADULT_SAFEGUARDING"),
                        Northshire.POLICE,
                        DataCategory.POLICE_INCIDENTS),
                new Template(
                        Northshire.CHILDRENS, Northshire.SAFEGUARDING, Northshire.EDUCATION, DataCategory.MATERNITY));
        List<String> fields = List.of(
                "school",
                "attendancePercent",
                "term",
                "gpPractice",
                "diagnoses",
                "incidentDate",
                "incidentType",
                "summary",
                "riskLevel",
                "exclusionReason");
        for (int i = 0; i < REQUESTS; i++) {
            Template template = templates.get(random.nextInt(templates.size()));
            int referralIndex = random.nextInt(referralCount);
            PersonId subject = child[referralIndex % children];
            requests[i] = new ReleaseRequest(
                    new uk.mashhub.kernel.Actor(template.requester(), "practitioner"),
                    template.purpose(),
                    new ReferralFacts(referral[referralIndex], random.nextInt(20) != 0, Set.of(subject)),
                    record(i, template, subject, fields.subList(0, 4 + random.nextInt(fields.size() - 4))));
        }
        rule = ReleaseRule.prepare(agreements, consents, overrides, NOW);
    }

    private static RecordFacts record(int index, Template template, PersonId subject, List<String> fields) {
        Set<String> special = fields.contains("diagnoses") ? Set.of("diagnoses") : Set.of();
        return new RecordFacts(
                new UUID(0x6000L, index), template.provider(), subject, template.category(), fields, special);
    }

    private record Template(AgencyId requester, PurposeCode purpose, AgencyId provider, DataCategory category) {}

    private static AgreementVersion otherAgreement(int index) {
        AgreementTerms northshire = Northshire.terms(true);
        List<Party> parties = List.of(
                new Party(new AgencyId("other-police-" + index), AgencyType.POLICE),
                new Party(new AgencyId("other-childrens-" + index), AgencyType.CHILDRENS_SOCIAL_CARE),
                new Party(new AgencyId("other-health-" + index), AgencyType.HEALTH),
                new Party(new AgencyId("other-education-" + index), AgencyType.EDUCATION));
        var terms = new AgreementTerms(
                "Neighbouring partnership " + index,
                parties,
                northshire.validFrom(),
                northshire.validUntil(),
                northshire.reviewDate(),
                List.of(typedSafeguarding()));
        return new AgreementVersion(
                new AgreementRef(new AgreementId(new UUID(0x7000L, index)), 1),
                AgreementStatus.ACTIVE,
                terms,
                "0".repeat(64),
                List.of(),
                Northshire.GOVERNANCE,
                NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(400)),
                null);
    }

    /** Northshire's safeguarding purpose minus its one flow named by agency, so it fits any partnership. */
    private static uk.mashhub.consent.agreement.Purpose typedSafeguarding() {
        var purpose = Northshire.safeguarding();
        return new uk.mashhub.consent.agreement.Purpose(
                purpose.code(),
                purpose.lawfulBasis(),
                purpose.specialCategoryCondition(),
                purpose.gateways(),
                purpose.consentMode(),
                purpose.overrideAllowed(),
                purpose.acceptedConsentForms(),
                purpose.flows().subList(1, purpose.flows().size()));
    }

    private static Consent consent(PersonId child, Random random) {
        ConsentStatus status = random.nextInt(5) == 0 ? ConsentStatus.REFUSED : ConsentStatus.GIVEN;
        Instant at = NOW.minus(Duration.ofDays(1 + random.nextInt(600)));
        return new Consent(
                new ConsentId(new UUID(random.nextLong(), random.nextLong())),
                child,
                status,
                ConsentGiver.PARENTAL_RESPONSIBILITY,
                "Parent",
                "mother",
                new ConsentScope(
                        Set.of(Northshire.EARLY_HELP),
                        true,
                        Set.of(),
                        Set.of(DataCategory.EDUCATION_ATTENDANCE, DataCategory.HEALTH_SUMMARY)),
                status == ConsentStatus.GIVEN ? Northshire.EARLY_HELP_FORM : null,
                at,
                null,
                Northshire.CHILDRENS_PRACTITIONER,
                at,
                null);
    }

    private static SharingOverride override(ReferralId referral, PersonId child) {
        return new SharingOverride(
                new OverrideId(new UUID(0x8000L, referral.value().getLeastSignificantBits())),
                OverrideKind.OVERRIDE,
                referral,
                child,
                Northshire.CHILDRENS_PRACTITIONER,
                "Risk of significant harm",
                "Children Act 1989 s47",
                new OverrideScope(
                        Northshire.HEALTH, Set.of(DataCategory.HEALTH_SUMMARY), Northshire.EARLY_HELP, List.of()),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(7)),
                Review.pending());
    }
}
