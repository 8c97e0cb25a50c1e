package uk.mashhub.consent.override;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.mashhub.consent.Northshire.CHILDRENS_PRACTITIONER;
import static uk.mashhub.consent.Northshire.EDUCATION;
import static uk.mashhub.consent.Northshire.HEALTH;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.MutableClock;
import mashhub.testsupport.Partnership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.consent.Northshire;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

@ConsentIntegrationTest
class OverridesIntegrationTests {

    private static final Actor HEALTH_GUARDIAN = new Actor(HEALTH, "gwen.guardian");
    private static final Actor EDUCATION_DPO = new Actor(EDUCATION, "education.dpo");

    private final Overrides overrides;
    private final JdbcClient jdbc;
    private final MutableClock clock;

    OverridesIntegrationTests(
            @Autowired Overrides overrides, @Autowired JdbcClient jdbc, @Autowired MutableClock clock) {
        this.overrides = overrides;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @BeforeEach
    void partnership() {
        Partnership.register(jdbc);
    }

    private SharingOverride record(OverrideKind kind, uk.mashhub.kernel.AgencyId provider, Duration lasts) {
        return overrides.record(
                new OverrideRequest(
                        kind,
                        new ReferralId(UUID.randomUUID()),
                        new PersonId(UUID.randomUUID()),
                        "Risk of significant harm; asking the parents would increase it.",
                        "Children Act 1989 s47",
                        new OverrideScope(
                                provider,
                                Set.of(DataCategory.HEALTH_SUMMARY),
                                kind == OverrideKind.OVERRIDE ? Northshire.EARLY_HELP : null,
                                kind == OverrideKind.BREAK_GLASS ? List.of("gpPractice") : List.of()),
                        clock.instant().plus(lasts)),
                CHILDRENS_PRACTITIONER);
    }

    @Test
    void theDataOwnersReviewQueueHoldsItsPendingOverridesBreakGlassFirst() {
        SharingOverride override = record(OverrideKind.OVERRIDE, HEALTH, Duration.ofDays(7));
        clock.advance(Duration.ofMinutes(1));
        SharingOverride glass = record(OverrideKind.BREAK_GLASS, HEALTH, Duration.ofHours(12));
        SharingOverride educations = record(OverrideKind.OVERRIDE, EDUCATION, Duration.ofDays(7));

        List<SharingOverride> queue = overrides.reviewQueue(HEALTH);

        assertThat(queue)
                .extracting(SharingOverride::id)
                .containsSubsequence(glass.id(), override.id())
                .doesNotContain(educations.id());
    }

    @Test
    void aReviewLeavesTheQueueIsAuditedAndCannotBeRepeated() {
        SharingOverride glass = record(OverrideKind.BREAK_GLASS, HEALTH, Duration.ofHours(12));

        SharingOverride rejected =
                overrides.review(glass.id(), ReviewOutcome.REJECTED, "Not an emergency", HEALTH_GUARDIAN);

        assertThat(rejected.inForce(clock.instant())).isFalse();
        assertThat(overrides.reviewQueue(HEALTH))
                .extracting(SharingOverride::id)
                .doesNotContain(glass.id());
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_event WHERE type = 'BreakGlassRejected' AND details->>'overrideId' = ?")
                        .param(glass.id().toString())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThatThrownBy(
                        () -> overrides.review(glass.id(), ReviewOutcome.APPROVED, "Changed my mind", HEALTH_GUARDIAN))
                .isInstanceOf(HubProblem.class)
                .satisfies(problem -> assertThat(((HubProblem) problem).type()).isEqualTo(Overrides.ALREADY_REVIEWED));
    }

    @Test
    void onlyTheDataOwnerCanReviewOrSeeAnOverride() {
        SharingOverride override = record(OverrideKind.OVERRIDE, HEALTH, Duration.ofDays(7));

        assertThatThrownBy(() -> overrides.review(override.id(), ReviewOutcome.APPROVED, "Fine", EDUCATION_DPO))
                .isInstanceOf(NotFound.class);
        assertThat(overrides.find(override.id(), EDUCATION)).isEmpty();
        assertThat(overrides.find(override.id(), HEALTH)).isPresent();
        assertThat(overrides.find(override.id(), Northshire.CHILDRENS)).isPresent();
    }

    @Test
    void aBreakGlassIsTimeBoxed() {
        assertThatThrownBy(() -> record(OverrideKind.BREAK_GLASS, HEALTH, Duration.ofHours(73)))
                .isInstanceOf(InvalidValue.class)
                .hasMessageContaining("72 hours");
    }

    @Test
    void aBreakGlassNamingSomethingOtherThanFieldsIsRefusedButOneKeptBeforeTheRuleIsStillRead() {
        SharingOverride glass = record(OverrideKind.BREAK_GLASS, HEALTH, Duration.ofHours(12));
        // as the web form kept it before field names were checked: free text split on commas
        jdbc.sql("UPDATE consent.override SET fields = ARRAY['date of birth'] WHERE id = ?")
                .param(glass.id().value())
                .update();

        assertThat(overrides.find(glass.id(), HEALTH).orElseThrow().scope().fields())
                .containsExactly("date of birth");
        assertThat(overrides.forReferrals(List.of(glass.referral())).get(glass.referral()))
                .extracting(SharingOverride::id)
                .containsExactly(glass.id());
        overrides.review(glass.id(), ReviewOutcome.APPROVED, "Needed that night", HEALTH_GUARDIAN);
        assertThat(jdbc.sql(
                                "SELECT details::text FROM audit.audit_event WHERE type = 'BreakGlassApproved' AND details->>'overrideId' = ?")
                        .param(glass.id().toString())
                        .query(String.class)
                        .single())
                .as("the review's audit event repeats no free text")
                .doesNotContain("date of birth");
        assertThatThrownBy(() -> overrides.record(
                        new OverrideRequest(
                                OverrideKind.BREAK_GLASS,
                                new ReferralId(UUID.randomUUID()),
                                new PersonId(UUID.randomUUID()),
                                "Risk of significant harm.",
                                "Children Act 1989 s47",
                                new OverrideScope(
                                        HEALTH, Set.of(DataCategory.HEALTH_SUMMARY), null, List.of("Jane Smith's GP")),
                                clock.instant().plus(Duration.ofHours(1))),
                        CHILDRENS_PRACTITIONER))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("The break-glass field names must be names such as dateOfBirth or address.postcode.");
    }

    @Test
    void refusesAGatewayThatIsNotOnThePartnershipsListNamingTheListNotTheText() {
        OverrideRequest typed = new OverrideRequest(
                OverrideKind.BREAK_GLASS,
                new ReferralId(UUID.randomUUID()),
                new PersonId(UUID.randomUUID()),
                "Risk of significant harm.",
                "s47, Jane Smith told us",
                new OverrideScope(HEALTH, Set.of(DataCategory.HEALTH_SUMMARY), null, List.of("gpPractice")),
                clock.instant().plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> overrides.record(typed, CHILDRENS_PRACTITIONER))
                .isInstanceOf(InvalidValue.class)
                .hasMessageStartingWith("The gateway must be one of the partnership's legal gateways: ")
                .hasMessageContaining("Children Act 1989 s47; ")
                .hasMessageNotContaining("Jane Smith");
        assertThat(jdbc.sql("SELECT count(*) FROM consent.override WHERE gateway = ?")
                        .param(typed.gateway())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(overrides.gateways()).contains("Children Act 1989 s47", "Crime and Disorder Act 1998 s115");
    }

    @Test
    void aGatewayTypedBeforeThePartnershipsListIsLeftOutOfTheReviewsAuditEvent() {
        SharingOverride override = record(OverrideKind.OVERRIDE, HEALTH, Duration.ofDays(7));
        // as kept before the list: typed by the practitioner
        mashhub.testsupport.DatabaseOwner.jdbc()
                .sql("UPDATE consent.override SET gateway = 's47 (see Jane Smith file)' WHERE id = ?")
                .param(override.id().value())
                .update();

        overrides.review(override.id(), ReviewOutcome.APPROVED, "Proportionate", HEALTH_GUARDIAN);

        assertThat(jdbc.sql(
                                "SELECT details->>'gateway' FROM audit.audit_event WHERE type = 'OverrideApproved' AND details->>'overrideId' = ?")
                        .param(override.id().toString())
                        .query(String.class)
                        .single())
                .isEmpty();
        assertThat(overrides.find(override.id(), HEALTH).orElseThrow().gateway())
                .as("the consent module keeps what was cited")
                .isEqualTo("s47 (see Jane Smith file)");
    }

    @Test
    void theJustificationStaysOutOfTheAuditLog() {
        SharingOverride override = record(OverrideKind.OVERRIDE, HEALTH, Duration.ofDays(7));

        String details = jdbc.sql(
                        "SELECT details::text FROM audit.audit_event WHERE type = 'OverrideRecorded' AND details->>'overrideId' = ?")
                .param(override.id().toString())
                .query(String.class)
                .single();

        assertThat(details)
                .contains("Children Act 1989 s47", override.referral().toString())
                .doesNotContain("asking the parents");
    }
}
