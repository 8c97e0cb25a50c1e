package uk.mashhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.consent.Northshire.DOMESTIC_ABUSE;
import static uk.mashhub.consent.Northshire.EARLY_HELP;
import static uk.mashhub.consent.Northshire.EARLY_HELP_FORM;
import static uk.mashhub.consent.Northshire.HEALTH;
import static uk.mashhub.consent.Northshire.HOUSING;
import static uk.mashhub.consent.Northshire.POLICE;
import static uk.mashhub.consent.Northshire.SAFEGUARDING;
import static uk.mashhub.consent.decision.DenialCode.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.mashhub.consent.Northshire;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.consents.ConsentStatus;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.ReviewOutcome;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PurposeCode;

class ReleaseRuleTests {

    /** One change to the permitting baseline, and every reason it must produce. */
    record Row(String change, Consumer<Scenario> apply, Set<DenialCode> expected) {
        @Override
        public String toString() {
            return change;
        }
    }

    private static Row row(String change, Consumer<Scenario> apply, DenialCode... expected) {
        return new Row(change, apply, Set.of(expected));
    }

    static final List<Row> TABLE = List.of(
            row("the referral is closed", s -> s.referralOpen = false, REFERRAL_NOT_OPEN),
            row(
                    "the record is about someone outside the referral",
                    s -> s.subject = Scenario.STRANGER,
                    NOT_ABOUT_REFERRAL_SUBJECT,
                    CONSENT_MISSING),
            row("no agreement exists", s -> s.agreements.clear(), NO_ACTIVE_AGREEMENT),
            row(
                    "the agreement is suspended",
                    s -> s.agreements =
                            List.of(Northshire.activeAgreement(Northshire.terms(true), AgreementStatus.SUSPENDED)),
                    AGREEMENT_SUSPENDED),
            row("the agreement ended yesterday", s -> s.now = Instant.parse("2029-01-01T10:00:00Z"), AGREEMENT_EXPIRED),
            row(
                    "the agreement starts next year",
                    s -> {
                        s.now = Instant.parse("2025-12-20T10:00:00Z");
                        s.purpose = SAFEGUARDING;
                    },
                    AGREEMENT_NOT_YET_VALID),
            row(
                    "the purpose is not in the agreement",
                    s -> s.purpose = new PurposeCode("ADULT_SAFEGUARDING"),
                    PURPOSE_NOT_IN_AGREEMENT),
            row(
                    "the requester is not a party",
                    s -> s.requester = new Actor(HOUSING, "housing-system"),
                    RECIPIENT_NOT_A_PARTY,
                    CONSENT_MISSING),
            row("the provider is not a party", s -> s.provider = HOUSING, PROVIDER_NOT_A_PARTY),
            row(
                    "no flow carries the category",
                    s -> s.category = DataCategory.SPECIAL_EDUCATIONAL_NEEDS,
                    CATEGORY_NOT_IN_ANY_FLOW,
                    CONSENT_MISSING),
            row("no consent is recorded", s -> s.consents.clear(), CONSENT_MISSING),
            row(
                    "consent was refused",
                    s -> s.consents.add(
                            Scenario.consentAt(ConsentStatus.REFUSED, null, null, Scenario.NOW.minusSeconds(60))),
                    CONSENT_REFUSED),
            row(
                    "consent was withdrawn",
                    s -> s.consents.add(
                            Scenario.consentAt(ConsentStatus.WITHDRAWN, null, null, Scenario.NOW.minusSeconds(60))),
                    CONSENT_WITHDRAWN),
            row(
                    "consent lapsed",
                    s -> s.consents = List.of(Scenario.consent(
                            ConsentStatus.GIVEN, EARLY_HELP_FORM, Scenario.NOW.minus(Duration.ofDays(1)))),
                    CONSENT_EXPIRED),
            row(
                    "consent is on an old form",
                    s -> s.consents = List.of(
                            Scenario.consent(ConsentStatus.GIVEN, new ConsentForm("NSCP-EH-CONSENT", "2"), null)),
                    CONSENT_FORM_NOT_ACCEPTED),
            row(
                    "the purpose allows no override but one is recorded",
                    s -> {
                        s.agreements =
                                List.of(Northshire.activeAgreement(Northshire.terms(false), AgreementStatus.ACTIVE));
                        s.consents.clear();
                        s.overrides.add(Scenario.override(EARLY_HELP));
                    },
                    CONSENT_MISSING,
                    OVERRIDE_NOT_ALLOWED),
            row(
                    "the override has no justification",
                    s -> {
                        s.consents.clear();
                        s.overrides.add(Scenario.override(
                                OverrideKind.OVERRIDE,
                                EARLY_HELP,
                                " ",
                                "Children Act 1989 s47",
                                Scenario.NOW.plus(Duration.ofDays(1)),
                                ReviewOutcome.PENDING,
                                List.of()));
                    },
                    OVERRIDE_WITHOUT_JUSTIFICATION,
                    CONSENT_MISSING),
            row(
                    "the override cites no gateway",
                    s -> {
                        s.consents.clear();
                        s.overrides.add(Scenario.override(
                                OverrideKind.OVERRIDE,
                                EARLY_HELP,
                                "Risk of harm",
                                null,
                                Scenario.NOW.plus(Duration.ofDays(1)),
                                ReviewOutcome.PENDING,
                                List.of()));
                    },
                    OVERRIDE_WITHOUT_GATEWAY,
                    CONSENT_MISSING),
            row(
                    "the override expired",
                    s -> {
                        s.consents.clear();
                        s.overrides.add(Scenario.override(
                                OverrideKind.OVERRIDE,
                                EARLY_HELP,
                                "Risk of harm",
                                "CA 1989 s47",
                                Scenario.NOW.minus(Duration.ofMinutes(1)),
                                ReviewOutcome.PENDING,
                                List.of()));
                    },
                    CONSENT_MISSING,
                    OVERRIDE_EXPIRED),
            row(
                    "the override was rejected",
                    s -> {
                        s.consents.clear();
                        s.overrides.add(Scenario.override(
                                OverrideKind.OVERRIDE,
                                EARLY_HELP,
                                "Risk of harm",
                                "CA 1989 s47",
                                Scenario.NOW.plus(Duration.ofDays(1)),
                                ReviewOutcome.REJECTED,
                                List.of()));
                    },
                    CONSENT_MISSING,
                    OVERRIDE_REJECTED),
            row(
                    "the purpose needs a justification and none is recorded",
                    s -> {
                        s.purpose = DOMESTIC_ABUSE;
                        s.requester = new Actor(HEALTH, "health-system");
                        s.provider = POLICE;
                        s.category = DataCategory.DOMESTIC_ABUSE;
                        s.fields = List.of("incidentDate", "riskLevel");
                    },
                    JUSTIFICATION_NOT_RECORDED),
            row(
                    "none of the record's fields may go",
                    s -> s.fields = List.of("exclusionReason", "senStatus"),
                    NO_PERMITTED_FIELDS));

    static Stream<Arguments> table() {
        return TABLE.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void deniesWithEveryReasonThatApplied(Row row) {
        var scenario = new Scenario();
        row.apply().accept(scenario);

        ReleaseDecision decision = scenario.decide();

        assertThat(decision.permitted()).isFalse();
        assertThat(decision.codes()).containsExactlyInAnyOrderElementsOf(row.expected());
        assertThat(decision.releasedFields()).isEmpty();
        decision.reasons().forEach(reason -> assertThat(reason.sentence())
                .isEqualTo(reason.code().sentence()));
        assertThat(decision.explanation()).startsWith("Not released.");
    }

    @Test
    void theTableProducesEveryReasonCode() {
        EnumSet<DenialCode> produced = EnumSet.noneOf(DenialCode.class);
        TABLE.forEach(row -> produced.addAll(row.expected()));

        assertThat(produced).containsExactlyInAnyOrder(DenialCode.values());
    }

    @Test
    void permitsOnConsentWithOnlyTheFieldsTheFlowPermits() {
        ReleaseDecision decision = new Scenario().decide();

        assertThat(decision.permitted()).isTrue();
        assertThat(decision.ground()).isEqualTo(LawfulGround.CONSENT);
        assertThat(decision.consent()).isNotNull();
        assertThat(decision.releasedFields()).containsExactly("attendancePercent", "term");
        assertThat(decision.agreement()).isEqualTo(Northshire.activeAgreement().ref());
        assertThat(decision.flow()).isNotNull();
        assertThat(decision.explanation()).contains("with consent " + decision.consent());
    }

    @Test
    void permitsWithoutConsentWhenThePurposeDoesNotNeedIt() {
        var scenario = new Scenario();
        scenario.purpose = SAFEGUARDING;
        scenario.consents.clear();

        ReleaseDecision decision = scenario.decide();

        assertThat(decision.ground()).isEqualTo(LawfulGround.AGREEMENT);
        assertThat(decision.releasedFields()).containsExactly("school", "attendancePercent", "term");
    }

    @Test
    void permitsOnAnOverrideWhenConsentWasRefusedAndThePurposeAllowsIt() {
        var scenario = new Scenario();
        scenario.consents.add(Scenario.consentAt(ConsentStatus.REFUSED, null, null, Scenario.NOW.minusSeconds(60)));
        scenario.overrides.add(Scenario.override(EARLY_HELP));

        ReleaseDecision decision = scenario.decide();

        assertThat(decision.ground()).isEqualTo(LawfulGround.OVERRIDE);
        assertThat(decision.override()).isEqualTo(scenario.overrides.getFirst().id());
    }

    @Test
    void releasesSpecialCategoryFieldsOnlyWhereTheFlowAllowsThem() {
        var scenario = new Scenario();
        scenario.provider = HEALTH;
        scenario.category = DataCategory.HEALTH_SUMMARY;
        scenario.fields = List.of("gpPractice", "diagnoses");
        scenario.specialCategoryFields = Set.of("diagnoses");
        scenario.purpose = SAFEGUARDING; // its health flow allows special-category fields

        assertThat(scenario.decide().releasedFields()).containsExactly("gpPractice", "diagnoses");

        scenario.purpose = EARLY_HELP; // its health flow does not
        scenario.consents = List.of(Scenario.consentCovering(DataCategory.HEALTH_SUMMARY));
        assertThat(scenario.decide().releasedFields()).containsExactly("gpPractice");
    }

    @Test
    void aBreakGlassReleasesOnlyTheFieldsItNamesWhenNoAgreementPermits() {
        var scenario = new Scenario();
        scenario.agreements.clear();
        scenario.overrides.add(Scenario.override(
                OverrideKind.BREAK_GLASS,
                null,
                "Child missing, life at risk",
                "UK GDPR Art 6(1)(d) vital interests",
                Scenario.NOW.plus(Duration.ofHours(12)),
                ReviewOutcome.PENDING,
                List.of("school", "attendancePercent")));

        ReleaseDecision decision = scenario.decide();

        assertThat(decision.ground()).isEqualTo(LawfulGround.BREAK_GLASS);
        assertThat(decision.agreement()).isNull();
        assertThat(decision.releasedFields()).containsExactly("school", "attendancePercent");
        assertThat(decision.explanation()).contains("break-glass");
    }

    @Test
    void aBreakGlassDoesNotOpenAClosedReferral() {
        var scenario = new Scenario();
        scenario.agreements.clear();
        scenario.referralOpen = false;
        scenario.overrides.add(Scenario.override(
                OverrideKind.BREAK_GLASS,
                null,
                "Emergency",
                "Art 6(1)(d)",
                Scenario.NOW.plus(Duration.ofHours(12)),
                ReviewOutcome.PENDING,
                List.of("school")));

        assertThat(scenario.decide().codes()).containsExactlyInAnyOrder(REFERRAL_NOT_OPEN, NO_ACTIVE_AGREEMENT);
    }

    @Test
    void theLatestConsentEntryIsThePersonsPosition() {
        var scenario = new Scenario();
        scenario.consents.add(
                Scenario.consentAt(ConsentStatus.WITHDRAWN, null, null, Scenario.NOW.minus(Duration.ofDays(2))));
        scenario.consents.add(
                Scenario.consentAt(ConsentStatus.GIVEN, EARLY_HELP_FORM, null, Scenario.NOW.minus(Duration.ofDays(1))));

        assertThat(scenario.decide().permitted()).isTrue();
    }

    @Test
    void aWithdrawalRecordedAfterTheDecisionTimeDoesNotReachBack() {
        var scenario = new Scenario();
        scenario.consents.add(Scenario.consentAt(ConsentStatus.WITHDRAWN, null, null, Scenario.NOW.plusSeconds(1)));

        assertThat(scenario.decide().permitted()).isTrue();
    }

    @Test
    void everyCodeHasASentence() {
        assertThat(Arrays.stream(DenialCode.values()))
                .allSatisfy(code -> assertThat(code.sentence()).endsWith("."));
    }
}
