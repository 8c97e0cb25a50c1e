package uk.mashhub.ingest.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ReferralId;

/** Every step from every status: RECEIVED → TRIAGED → GATHERING → DECIDED → CLOSED and nothing else. */
class ReferralLifecycleTests {

    private static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");

    private static Referral in(ReferralStatus status) {
        boolean decided = status == ReferralStatus.DECIDED || status == ReferralStatus.CLOSED;
        return new Referral(
                new ReferralId(UUID.randomUUID()),
                new Actor(new AgencyId("northshire-education"), "school-system"),
                status,
                new IdentityId(UUID.randomUUID()),
                List.of(),
                Set.of(ConcernCategory.NEGLECT),
                "Arrives hungry.",
                new ConsentPosition(true, ConsentPosition.Answer.GIVEN, null),
                Urgency.ROUTINE,
                new ReferrerContact("D. Lead", "DSL", null, null),
                NOW,
                status == ReferralStatus.RECEIVED ? null : Rag.AMBER,
                status == ReferralStatus.RECEIVED ? null : "Pattern of neglect.",
                null,
                decided ? Outcome.EARLY_HELP : null,
                decided ? "Family agrees to early help." : null,
                NOW);
    }

    private static void allowedOnlyFrom(
            ReferralStatus from, Set<ReferralStatus> allowed, ReferralStatus to, UnaryOperator<Referral> step) {
        Referral referral = in(from);
        if (allowed.contains(from)) {
            assertThat(step.apply(referral).status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> step.apply(referral))
                    .isInstanceOfSatisfying(HubProblem.class, problem -> assertThat(problem.type())
                            .isEqualTo(ReferralProblems.STATE_CONFLICT));
        }
    }

    @ParameterizedTest
    @EnumSource(ReferralStatus.class)
    void isRatedOnlyWhileItIsBeingWorked(ReferralStatus from) {
        ReferralStatus after = from == ReferralStatus.RECEIVED ? ReferralStatus.TRIAGED : from;
        allowedOnlyFrom(
                from,
                EnumSet.of(ReferralStatus.RECEIVED, ReferralStatus.TRIAGED, ReferralStatus.GATHERING),
                after,
                r -> r.rated(Rag.RED, "Police incident with the child present.", null, NOW));
    }

    @ParameterizedTest
    @EnumSource(ReferralStatus.class)
    void startsGatheringOnlyOnceTriaged(ReferralStatus from) {
        allowedOnlyFrom(from, EnumSet.of(ReferralStatus.TRIAGED), ReferralStatus.GATHERING, r -> r.gathering(NOW));
    }

    @ParameterizedTest
    @EnumSource(ReferralStatus.class)
    void isDecidedOnlyWhenTriagedOrGathering(ReferralStatus from) {
        allowedOnlyFrom(
                from,
                EnumSet.of(ReferralStatus.TRIAGED, ReferralStatus.GATHERING),
                ReferralStatus.DECIDED,
                r -> r.decided(Outcome.STATUTORY_ASSESSMENT, "Section 47 threshold met.", NOW));
    }

    @ParameterizedTest
    @EnumSource(ReferralStatus.class)
    void isClosedOnlyOnceDecided(ReferralStatus from) {
        allowedOnlyFrom(from, EnumSet.of(ReferralStatus.DECIDED), ReferralStatus.CLOSED, r -> r.closed(NOW));
    }
}
