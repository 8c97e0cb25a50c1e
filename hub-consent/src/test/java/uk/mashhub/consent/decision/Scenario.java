package uk.mashhub.consent.decision;

import static uk.mashhub.consent.Northshire.CHILDRENS_PRACTITIONER;
import static uk.mashhub.consent.Northshire.EARLY_HELP;
import static uk.mashhub.consent.Northshire.EARLY_HELP_FORM;
import static uk.mashhub.consent.Northshire.EDUCATION;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.Northshire;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.consents.Consent;
import uk.mashhub.consent.consents.ConsentGiver;
import uk.mashhub.consent.consents.ConsentId;
import uk.mashhub.consent.consents.ConsentScope;
import uk.mashhub.consent.consents.ConsentStatus;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.OverrideScope;
import uk.mashhub.consent.override.Review;
import uk.mashhub.consent.override.ReviewOutcome;
import uk.mashhub.consent.override.SharingOverride;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * A world for one release decision, built from a baseline that permits: Northshire Children's
 * Services asks, for EARLY_HELP under an open referral, for a school attendance record about the
 * referral's subject, who (through a parent) consented on the accepted form. Tests change one
 * thing and look at the decision.
 */
final class Scenario {

    static final Instant NOW = Instant.parse("2027-03-10T10:00:00Z");
    static final PersonId CHILD = new PersonId(UUID.fromString("00000000-0000-4000-8000-0000000c0001"));
    static final PersonId SIBLING = new PersonId(UUID.fromString("00000000-0000-4000-8000-0000000c0002"));
    static final PersonId STRANGER = new PersonId(UUID.fromString("00000000-0000-4000-8000-0000000c0099"));
    static final ReferralId REFERRAL = new ReferralId(UUID.fromString("00000000-0000-4000-8000-0000000f0001"));

    Instant now = NOW;
    List<AgreementVersion> agreements = new ArrayList<>(List.of(Northshire.activeAgreement()));
    List<Consent> consents = new ArrayList<>(List.of(consent(ConsentStatus.GIVEN, EARLY_HELP_FORM, null)));
    List<SharingOverride> overrides = new ArrayList<>();
    Actor requester = CHILDRENS_PRACTITIONER;
    PurposeCode purpose = EARLY_HELP;
    boolean referralOpen = true;
    Set<PersonId> referralPersons = Set.of(CHILD, SIBLING);
    AgencyId provider = EDUCATION;
    PersonId subject = CHILD;
    DataCategory category = DataCategory.EDUCATION_ATTENDANCE;
    List<String> fields = List.of("school", "attendancePercent", "term", "exclusionReason");
    Set<String> specialCategoryFields = Set.of();

    ReleaseDecision decide() {
        Map<PersonId, List<Consent>> histories = new HashMap<>();
        consents.forEach(c ->
                histories.computeIfAbsent(c.person(), p -> new ArrayList<>()).add(c));
        Map<ReferralId, List<SharingOverride>> byReferral = new HashMap<>();
        overrides.forEach(o ->
                byReferral.computeIfAbsent(o.referral(), r -> new ArrayList<>()).add(o));
        return ReleaseRule.prepare(agreements, histories, byReferral, now).decide(request());
    }

    ReleaseRequest request() {
        return new ReleaseRequest(
                requester,
                purpose,
                new ReferralFacts(REFERRAL, referralOpen, referralPersons),
                new RecordFacts(UUID.randomUUID(), provider, subject, category, fields, specialCategoryFields));
    }

    static Consent consent(ConsentStatus status, @Nullable ConsentForm form, @Nullable Instant validUntil) {
        return consentAt(status, form, validUntil, NOW.minus(Duration.ofDays(30)));
    }

    static Consent consentCovering(DataCategory category) {
        Consent attendance = consent(ConsentStatus.GIVEN, EARLY_HELP_FORM, null);
        return new Consent(
                attendance.id(),
                attendance.person(),
                attendance.status(),
                attendance.givenBy(),
                attendance.giverName(),
                attendance.giverRelationship(),
                new ConsentScope(Set.of(EARLY_HELP), true, Set.of(), Set.of(category)),
                attendance.evidence(),
                attendance.validFrom(),
                null,
                attendance.recordedBy(),
                attendance.recordedAt(),
                null);
    }

    static Consent consentAt(
            ConsentStatus status, @Nullable ConsentForm form, @Nullable Instant validUntil, Instant at) {
        return new Consent(
                new ConsentId(UUID.randomUUID()),
                CHILD,
                status,
                ConsentGiver.PARENTAL_RESPONSIBILITY,
                "A. Parent",
                "mother",
                new ConsentScope(Set.of(EARLY_HELP), true, Set.of(), Set.of(DataCategory.EDUCATION_ATTENDANCE)),
                status == ConsentStatus.GIVEN ? form : null,
                at,
                validUntil,
                CHILDRENS_PRACTITIONER,
                at,
                null);
    }

    static SharingOverride override(
            OverrideKind kind,
            @Nullable PurposeCode purpose,
            String justification,
            @Nullable String gateway,
            Instant expiresAt,
            ReviewOutcome outcome,
            List<String> fields) {
        return new SharingOverride(
                new OverrideId(UUID.randomUUID()),
                kind,
                REFERRAL,
                CHILD,
                CHILDRENS_PRACTITIONER,
                justification,
                gateway,
                new OverrideScope(
                        EDUCATION,
                        Set.of(DataCategory.EDUCATION_ATTENDANCE, DataCategory.DOMESTIC_ABUSE),
                        purpose,
                        fields),
                NOW.minus(Duration.ofHours(2)),
                expiresAt,
                outcome == ReviewOutcome.PENDING
                        ? Review.pending()
                        : new Review(outcome, "reviewed", Northshire.GOVERNANCE, NOW.minus(Duration.ofHours(1))));
    }

    static SharingOverride override(PurposeCode purpose) {
        return override(
                OverrideKind.OVERRIDE,
                purpose,
                "Child at risk of significant harm; seeking consent would increase it.",
                "Children Act 1989 s47",
                NOW.plus(Duration.ofDays(7)),
                ReviewOutcome.PENDING,
                List.of());
    }
}
