package uk.mashhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.Northshire;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Purpose;
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
import uk.mashhub.kernel.PurposeCode;

/**
 * Properties of the rule over random worlds: agreements in any state, consents and overrides of
 * every kind, requests from anyone for anything. Checked against an oracle written here, apart from
 * the rule.
 */
class ReleaseRuleProperties {

    private static final List<String> FIELDS = List.of(
            "school",
            "attendancePercent",
            "term",
            "exclusionReason",
            "gpPractice",
            "diagnoses",
            "immunisationsUpToDate",
            "incidentDate",
            "incidentType",
            "riskLevel",
            "summary",
            "offenceCategory");
    private static final List<AgencyId> AGENCIES = List.of(
            Northshire.POLICE, Northshire.CHILDRENS, Northshire.HEALTH, Northshire.EDUCATION, Northshire.HOUSING);
    private static final List<PurposeCode> PURPOSES = List.of(
            Northshire.SAFEGUARDING,
            Northshire.EARLY_HELP,
            Northshire.DOMESTIC_ABUSE,
            new PurposeCode("ADULT_SAFEGUARDING"));
    private static final List<DataCategory> CATEGORIES = List.of(
            DataCategory.EDUCATION_ATTENDANCE,
            DataCategory.HEALTH_SUMMARY,
            DataCategory.POLICE_INCIDENTS,
            DataCategory.DOMESTIC_ABUSE,
            DataCategory.HOUSING_TENANCY);
    private static final List<ConsentForm> FORMS =
            List.of(Northshire.EARLY_HELP_FORM, new ConsentForm("NSCP-EH-CONSENT", "2"), new ConsentForm("OTHER", "1"));

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void aPermitNeverCarriesAFieldOutsideItsFlowOrBreakGlass(@ForAll("worlds") Scenario world) {
        ReleaseDecision decision = world.decide();
        if (!decision.permitted()) {
            return;
        }
        RecordFacts record = world.request().record();
        assertThat(record.fields()).containsAll(decision.releasedFields());
        if (decision.ground() == LawfulGround.BREAK_GLASS) {
            SharingOverride glass = overrideOf(world, decision);
            assertThat(glass.scope().fields()).containsAll(decision.releasedFields());
            return;
        }
        var flow = decision.flow();
        assertThat(flow).isNotNull();
        assertThat(flow.permittedFields()).containsAll(decision.releasedFields());
        assertThat(flow.category()).isEqualTo(record.category());
        if (!flow.specialCategoryAllowed()) {
            assertThat(decision.releasedFields()).noneMatch(record.specialCategoryFields()::contains);
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void aPermitNeverHappensWithoutValidConsentOrAnAllowedOverride(@ForAll("worlds") Scenario world) {
        ReleaseDecision decision = world.decide();
        if (!decision.permitted()) {
            return;
        }
        ReleaseRequest request = world.request();
        assertThat(request.referral().open()).isTrue();
        assertThat(request.referral().persons()).contains(request.record().subject());
        if (decision.ground() == LawfulGround.BREAK_GLASS) {
            SharingOverride glass = overrideOf(world, decision);
            assertThat(glass.kind()).isEqualTo(OverrideKind.BREAK_GLASS);
            assertInForceAndJustified(glass, world.now);
            return;
        }
        var agreement = world.agreements.getFirst();
        assertThat(agreement.status(uk.mashhub.kernel.LocalTime.today(world.now)))
                .isEqualTo(AgreementStatus.ACTIVE);
        assertThat(uk.mashhub.kernel.LocalTime.today(world.now))
                .isAfterOrEqualTo(agreement.terms().validFrom());
        Purpose purpose = agreement.terms().purpose(request.purpose()).orElseThrow();
        switch (decision.ground()) {
            case AGREEMENT -> assertThat(purpose.consentMode()).isEqualTo(ConsentMode.NOT_REQUIRED);
            case CONSENT -> {
                assertThat(purpose.consentMode()).isEqualTo(ConsentMode.REQUIRED);
                Consent consent = world.consents.stream()
                        .filter(c -> c.id().equals(decision.consent()))
                        .findFirst()
                        .orElseThrow();
                assertThat(consent.status()).isEqualTo(ConsentStatus.GIVEN);
                assertThat(consent.validFrom()).isBeforeOrEqualTo(world.now);
                if (consent.validUntil() != null) {
                    assertThat(consent.validUntil()).isAfter(world.now);
                }
                assertThat(purpose.acceptedConsentForms()).contains(consent.evidence());
                assertThat(latestCoveringEntry(
                                world, agreement.isParty(request.requester().agency())))
                        .isEqualTo(consent);
            }
            case OVERRIDE -> {
                assertThat(purpose.consentMode()).isNotEqualTo(ConsentMode.NOT_REQUIRED);
                if (purpose.consentMode() == ConsentMode.REQUIRED) {
                    assertThat(purpose.overrideAllowed()).isTrue();
                }
                SharingOverride override = overrideOf(world, decision);
                assertThat(override.kind()).isEqualTo(OverrideKind.OVERRIDE);
                assertThat(override.scope().purpose()).isEqualTo(request.purpose());
                assertInForceAndJustified(override, world.now);
            }
            case BREAK_GLASS -> throw new AssertionError("handled above");
            case null -> throw new AssertionError("a permit has a ground");
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theSameInputsAlwaysGiveTheSameDecision(@ForAll("worlds") Scenario world) {
        ReleaseRequest request = world.request();
        var rule = ReleaseRule.prepare(world.agreements, histories(world), byReferral(world), world.now);

        assertThat(rule.decide(request)).isEqualTo(rule.decide(request));
    }

    @org.junit.jupiter.api.Test
    void theRandomWorldsReachEveryKindOfPermitAndManyDenials() {
        java.util.Map<Object, Integer> seen = new java.util.HashMap<>();
        worlds().sampleStream()
                .limit(5000)
                .map(Scenario::decide)
                .forEach(decision -> seen.merge(decision.permitted() ? decision.ground() : "DENY", 1, Integer::sum));

        assertThat(seen.keySet()).containsAll(List.of(LawfulGround.values())).contains("DENY");
        assertThat(seen.get("DENY")).isLessThan(4900);
    }

    private static void assertInForceAndJustified(SharingOverride override, Instant now) {
        assertThat(override.expiresAt()).isAfter(now);
        assertThat(override.review().outcome()).isNotEqualTo(ReviewOutcome.REJECTED);
        assertThat(override.justification()).isNotBlank();
        assertThat(override.gateway()).isNotBlank();
    }

    private static SharingOverride overrideOf(Scenario world, ReleaseDecision decision) {
        return world.overrides.stream()
                .filter(o -> o.id().equals(decision.override()))
                .findFirst()
                .orElseThrow();
    }

    /** The oracle's reading of the person's position: the newest entry recorded by now covering the request. */
    private static @Nullable Consent latestCoveringEntry(Scenario world, boolean requesterIsParty) {
        ReleaseRequest request = world.request();
        Consent latest = null;
        for (Consent entry : world.consents) {
            boolean covers = entry.person().equals(request.record().subject())
                    && entry.scope().purposes().contains(request.purpose())
                    && entry.scope().categories().contains(request.record().category())
                    && (entry.scope().everyParty()
                            ? requesterIsParty
                            : entry.scope()
                                    .recipients()
                                    .contains(request.requester().agency()));
            if (covers
                    && !entry.recordedAt().isAfter(world.now)
                    && (latest == null || !entry.recordedAt().isBefore(latest.recordedAt()))) {
                latest = entry;
            }
        }
        return latest;
    }

    private static java.util.Map<uk.mashhub.kernel.PersonId, List<Consent>> histories(Scenario world) {
        java.util.Map<uk.mashhub.kernel.PersonId, List<Consent>> map = new java.util.HashMap<>();
        world.consents.forEach(
                c -> map.computeIfAbsent(c.person(), p -> new ArrayList<>()).add(c));
        return map;
    }

    private static java.util.Map<uk.mashhub.kernel.ReferralId, List<SharingOverride>> byReferral(Scenario world) {
        java.util.Map<uk.mashhub.kernel.ReferralId, List<SharingOverride>> map = new java.util.HashMap<>();
        world.overrides.forEach(
                o -> map.computeIfAbsent(o.referral(), r -> new ArrayList<>()).add(o));
        return map;
    }

    /** A real flow of the example agreement: purpose, provider, recipient, category. */
    private record Route(PurposeCode purpose, AgencyId provider, AgencyId recipient, DataCategory category) {}

    private static final List<Route> ROUTES = List.of(
            new Route(
                    Northshire.EARLY_HELP,
                    Northshire.EDUCATION,
                    Northshire.CHILDRENS,
                    DataCategory.EDUCATION_ATTENDANCE),
            new Route(Northshire.EARLY_HELP, Northshire.HEALTH, Northshire.CHILDRENS, DataCategory.HEALTH_SUMMARY),
            new Route(Northshire.SAFEGUARDING, Northshire.POLICE, Northshire.CHILDRENS, DataCategory.POLICE_INCIDENTS),
            new Route(Northshire.SAFEGUARDING, Northshire.HEALTH, Northshire.CHILDRENS, DataCategory.HEALTH_SUMMARY),
            new Route(Northshire.DOMESTIC_ABUSE, Northshire.POLICE, Northshire.HEALTH, DataCategory.DOMESTIC_ABUSE));

    /**
     * Random worlds, biased so that every path of the rule is taken often: most requests follow a
     * real flow of the agreement, and most consents and overrides are about the request's own
     * subject, purpose and category — with the details (status, form, dates, review, parties) left
     * to chance.
     */
    @Provide
    Arbitrary<Scenario> worlds() {
        return Arbitraries.randomValue(ReleaseRuleProperties::world);
    }

    private static Scenario world(Random random) {
        var s = new Scenario();
        s.now = pick(
                random,
                List.of(
                        Instant.parse("2025-12-15T10:00:00Z"),
                        Scenario.NOW,
                        Scenario.NOW,
                        Scenario.NOW,
                        Instant.parse("2029-02-01T10:00:00Z")));
        s.agreements = List.of(Northshire.activeAgreement(
                Northshire.terms(random.nextBoolean()),
                random.nextInt(5) == 0 ? AgreementStatus.SUSPENDED : AgreementStatus.ACTIVE));
        if (random.nextInt(10) < 8) {
            Route route = pick(random, ROUTES);
            s.purpose = route.purpose();
            s.provider = route.provider();
            s.requester = new Actor(route.recipient(), "someone");
            s.category = route.category();
        } else {
            s.purpose = pick(random, PURPOSES);
            s.provider = pick(random, AGENCIES);
            s.requester = new Actor(pick(random, AGENCIES), "someone");
            s.category = pick(random, CATEGORIES);
        }
        s.referralOpen = random.nextInt(6) != 0;
        s.subject = random.nextInt(6) != 0 ? Scenario.CHILD : Scenario.STRANGER;
        s.fields = subset(random, FIELDS, 0.5);
        s.specialCategoryFields = new HashSet<>(subset(random, s.fields, 0.3));
        s.consents = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            s.consents.add(consent(random, s));
        }
        s.consents.sort(java.util.Comparator.comparing(Consent::recordedAt));
        s.overrides = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            s.overrides.add(override(random, s));
        }
        return s;
    }

    private static Consent consent(Random random, Scenario s) {
        ConsentStatus status =
                random.nextInt(3) == 0 ? pick(random, List.of(ConsentStatus.values())) : ConsentStatus.GIVEN;
        boolean aboutRequest = random.nextInt(4) != 0;
        Set<PurposeCode> purposes = aboutRequest ? Set.of(s.purpose) : new HashSet<>(subset(random, PURPOSES, 0.5));
        Set<DataCategory> categories =
                aboutRequest ? Set.of(s.category) : new HashSet<>(subset(random, CATEGORIES, 0.5));
        if (purposes.isEmpty()) {
            purposes = Set.of(pick(random, PURPOSES));
        }
        if (categories.isEmpty()) {
            categories = Set.of(pick(random, CATEGORIES));
        }
        Set<AgencyId> recipients = random.nextBoolean() ? Set.of() : new HashSet<>(subset(random, AGENCIES, 0.5));
        Instant recorded = Scenario.NOW.minus(Duration.ofDays(random.nextInt(900) - 5));
        int lasts = random.nextInt(1200) - 300;
        return new Consent(
                new ConsentId(UUID.randomUUID()),
                random.nextInt(8) == 0 ? Scenario.STRANGER : Scenario.CHILD,
                status,
                ConsentGiver.SUBJECT,
                null,
                null,
                new ConsentScope(purposes, recipients.isEmpty(), recipients, categories),
                status == ConsentStatus.GIVEN
                        ? (random.nextInt(4) == 0 ? pick(random, FORMS) : Northshire.EARLY_HELP_FORM)
                        : null,
                recorded,
                lasts < 0 ? null : recorded.plus(Duration.ofDays(lasts + 1)),
                Northshire.CHILDRENS_PRACTITIONER,
                recorded,
                null);
    }

    private static SharingOverride override(Random random, Scenario s) {
        boolean aboutRequest = random.nextInt(4) != 0;
        OverrideKind kind = random.nextInt(4) == 0 ? OverrideKind.BREAK_GLASS : OverrideKind.OVERRIDE;
        ReviewOutcome outcome = pick(random, List.of(ReviewOutcome.values()));
        String gateway = pick(random, List.of("Children Act 1989 s47", "Children Act 1989 s47", "", "none"));
        return new SharingOverride(
                new OverrideId(UUID.randomUUID()),
                kind,
                Scenario.REFERRAL,
                Scenario.CHILD,
                new Actor(aboutRequest ? s.requester.agency() : pick(random, AGENCIES), "practitioner"),
                pick(random, List.of("Risk of significant harm", "Risk of significant harm", "", " ")),
                gateway.equals("none") ? null : gateway,
                new OverrideScope(
                        aboutRequest ? s.provider : pick(random, AGENCIES),
                        aboutRequest ? Set.of(s.category) : Set.of(pick(random, CATEGORIES)),
                        aboutRequest ? s.purpose : pick(random, PURPOSES),
                        subset(random, FIELDS, 0.5)),
                Scenario.NOW.minus(Duration.ofDays(1)),
                Scenario.NOW.plus(Duration.ofHours(random.nextInt(250) - 48)),
                outcome == ReviewOutcome.PENDING
                        ? Review.pending()
                        : new Review(outcome, "note", Northshire.GOVERNANCE, Scenario.NOW));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> List<T> subset(Random random, java.util.Collection<T> values, double chance) {
        List<T> chosen = new ArrayList<>();
        for (T value : values) {
            if (random.nextDouble() < chance) {
                chosen.add(value);
            }
        }
        return chosen;
    }
}
