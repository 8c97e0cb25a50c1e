package uk.mashhub.ingest.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mashhub.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.ingest.IngestIntegrationTest;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.person.Sex;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

@IngestIntegrationTest
class ReferralsIntegrationTests {

    private static final Actor SCHOOL = new Actor(new AgencyId("northshire-education"), "school-system");
    private static final Actor PRACTITIONER =
            new Actor(new AgencyId("northshire-childrens-services"), "pat.practitioner");

    private final Referrals referrals;
    private final Persons persons;
    private final JdbcClient jdbc;
    private final MutableClock clock;

    ReferralsIntegrationTests(
            @Autowired Referrals referrals,
            @Autowired Persons persons,
            @Autowired JdbcClient jdbc,
            @Autowired MutableClock clock) {
        this.referrals = referrals;
        this.persons = persons;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @BeforeEach
    void wednesdayMorning() {
        clock.set(java.time.Instant.parse("2027-03-10T10:00:00Z"));
    }

    static ReferralSubmission submission(String localId) {
        return new ReferralSubmission(
                new PersonReport(
                        localId,
                        new Demographics("Amelia", "Hart", LocalDate.of(2016, 5, 4), Sex.FEMALE, "NS1 4AB", null),
                        null),
                List.of(new PersonReport(
                        localId + "-mum",
                        new Demographics("Rachel", "Hart", LocalDate.of(1988, 1, 9), Sex.FEMALE, "NS1 4AB", null),
                        "mother")),
                Set.of(ConcernCategory.NEGLECT, ConcernCategory.SCHOOL_ATTENDANCE),
                "Attendance has fallen to 61% and Amelia arrives hungry.",
                new ConsentPosition(true, ConsentPosition.Answer.GIVEN, null),
                Urgency.URGENT,
                new ReferrerContact("D. Lead", "Designated Safeguarding Lead", "01632 960000", "dsl@school.example"));
    }

    private Referral received() {
        return referrals.receive(submission("pupil-" + UUID.randomUUID()), SCHOOL);
    }

    private static void assertProblem(Runnable action, ProblemType type) {
        assertThatThrownBy(action::run)
                .isInstanceOf(HubProblem.class)
                .satisfies(problem -> assertThat(((HubProblem) problem).type()).isEqualTo(type));
    }

    @Test
    void receivesAReferralLinksItsPersonsAndSetsTheScreeningDeadline() {
        Referral referral = received();

        assertThat(referral.status()).isEqualTo(ReferralStatus.RECEIVED);
        assertThat(referral.related()).singleElement().satisfies(r -> assertThat(r.relationship())
                .isEqualTo("mother"));
        assertThat(referral.deadline()).isEqualTo(java.time.Instant.parse("2027-03-11T10:00:00Z"));
        assertThat(persons.personOf(referral.subject())).isNotNull();
        assertThat(referrals.find(referral.id(), SCHOOL.agency(), false)).contains(referral);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_event WHERE type = 'ReferralReceived' AND details->>'referralId' = ?")
                        .param(referral.id().toString())
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void readsAReferralBackWithEveryRelatedPersonOrNone() {
        ReferralSubmission alone = submission("pupil-" + UUID.randomUUID());
        alone = new ReferralSubmission(
                alone.subject(),
                List.of(),
                alone.concerns(),
                alone.narrative(),
                alone.consent(),
                alone.urgency(),
                alone.referrer());
        ReferralSubmission family = submission("pupil-" + UUID.randomUUID());
        List<PersonReport> household = List.of(
                family.related().getFirst(),
                new PersonReport(
                        "sib-" + UUID.randomUUID(),
                        new Demographics("Noah", "Hart", LocalDate.of(2019, 2, 1), Sex.MALE, "NS1 4AB", null),
                        "brother"),
                new PersonReport(
                        "dad-" + UUID.randomUUID(),
                        new Demographics("Tom", "Hart", LocalDate.of(1985, 7, 30), Sex.MALE, "NS2 9QT", null),
                        "father"));
        family = new ReferralSubmission(
                family.subject(),
                household,
                family.concerns(),
                family.narrative(),
                family.consent(),
                family.urgency(),
                family.referrer());

        Referral none = referrals.receive(alone, SCHOOL);
        Referral three = referrals.receive(family, SCHOOL);

        assertThat(referrals.find(none.id(), SCHOOL.agency(), false)).hasValueSatisfying(found -> {
            assertThat(found.related()).isEmpty();
            assertThat(found).isEqualTo(none);
        });
        assertThat(referrals.find(three.id(), SCHOOL.agency(), false))
                .hasValueSatisfying(found -> assertThat(found.related())
                        .extracting(Referral.Related::relationship)
                        .containsExactlyInAnyOrder("mother", "brother", "father"));
        // changes read the referral locked, through the same statement
        assertThat(referrals
                        .rate(three.id(), Rag.AMBER, "Three in the household.", PRACTITIONER)
                        .related())
                .containsExactlyInAnyOrderElementsOf(three.related());
    }

    @Test
    void ratingsOfOneReferralAtTheSameMomentTakeTurns() throws Exception {
        Referral referral = received();
        int raters = 6;
        ExecutorService pool = Executors.newFixedThreadPool(raters);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Referral>> ratings = new ArrayList<>();
        for (int i = 0; i < raters; i++) {
            Rag rag = i % 2 == 0 ? Rag.AMBER : Rag.RED;
            ratings.add(pool.submit(() -> {
                start.await();
                return referrals.rate(referral.id(), rag, "Rated at the same moment as others.", PRACTITIONER);
            }));
        }
        start.countDown();
        for (Future<Referral> rating : ratings) {
            rating.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // each rating read the referral locked, after the one before it: one first triage, then re-ratings
        List<String> turns = new ArrayList<>(List.of("ReferralReceived", "ReferralTriaged"));
        turns.addAll(Collections.nCopies(raters - 1, "ReferralRerated"));
        assertThat(referrals.timeline(referral.id()))
                .extracting(Referrals.TimelineEntry::change)
                .containsExactlyElementsOf(turns);
    }

    @Test
    void anotherAgencySeesTheReferralOnlyAsPartOfTheMash() {
        Referral referral = received();

        assertThat(referrals.find(referral.id(), new AgencyId("northshire-police"), false))
                .isEmpty();
        assertThat(referrals.find(referral.id(), new AgencyId("northshire-police"), true))
                .isPresent();
    }

    @Test
    void goesThroughItsWholeLifeAndKeepsATimeline() {
        Referral referral = received();

        referrals.rate(referral.id(), Rag.AMBER, "Chronic neglect indicators; no immediate danger.", PRACTITIONER);
        Referral rerated = referrals.rate(
                referral.id(), Rag.RED, "Police report of domestic abuse at the address last night.", PRACTITIONER);
        referrals.startGathering(referral.id(), PRACTITIONER);
        referrals.decide(referral.id(), Outcome.STATUTORY_ASSESSMENT, "Threshold for s47 met.", PRACTITIONER);
        Referral closed = referrals.close(referral.id(), PRACTITIONER);

        assertThat(rerated.deadline()).isEqualTo(java.time.Instant.parse("2027-03-10T14:00:00Z"));
        assertThat(closed.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(closed.outcome()).isEqualTo(Outcome.STATUTORY_ASSESSMENT);
        assertThat(referrals.timeline(referral.id()))
                .extracting(Referrals.TimelineEntry::change)
                .containsExactly(
                        "ReferralReceived",
                        "ReferralTriaged",
                        "ReferralRerated",
                        "ReferralGathering",
                        "ReferralDecided",
                        "ReferralClosed");
    }

    @Test
    void refusesStepsTheLifecycleDoesNotAllow() {
        Referral referral = received();

        assertProblem(() -> referrals.startGathering(referral.id(), PRACTITIONER), ReferralProblems.STATE_CONFLICT);
        assertProblem(() -> referrals.close(referral.id(), PRACTITIONER), ReferralProblems.STATE_CONFLICT);
        assertProblem(
                () -> referrals.rate(referral.id(), Rag.GREEN, " ", PRACTITIONER), ReferralProblems.RATIONALE_REQUIRED);
        assertThat(referrals
                        .find(referral.id(), SCHOOL.agency(), false)
                        .orElseThrow()
                        .status())
                .isEqualTo(ReferralStatus.RECEIVED);
    }

    @Test
    void theQueuePutsTheMostPressingFirstAndPagesByKeyset() {
        Referral green = received();
        referrals.rate(green.id(), Rag.GREEN, "Low level", PRACTITIONER);
        Referral red = received();
        referrals.rate(red.id(), Rag.RED, "Immediate risk", PRACTITIONER);
        Referral unrated = received();
        // Wednesday 10:00 + 3 days: the red (due Wed 14:00) and the unrated one (due Thu 10:00) are overdue,
        // the green (72 working hours) is not
        clock.advance(Duration.ofDays(3));

        List<Referral> page = new ArrayList<>();
        Referrals.QueueCursor cursor = null;
        for (int i = 0; i < 50; i++) {
            List<Referral> next = referrals.queue(new Referrals.QueueFilter(null, null, null, false), cursor, 2);
            if (next.isEmpty()) {
                break;
            }
            page.addAll(next);
            Referral last = next.getLast();
            cursor = new Referrals.QueueCursor(last.deadline(), last.id());
        }

        List<UUID> order = page.stream().map(r -> r.id().value()).toList();
        assertThat(order)
                .containsSubsequence(
                        red.id().value(), unrated.id().value(), green.id().value());
        assertThat(order).doesNotHaveDuplicates();
        assertThat(referrals.queue(new Referrals.QueueFilter(null, Rag.RED, null, false), null, 100))
                .allSatisfy(r -> assertThat(r.rag()).isEqualTo(Rag.RED));
        assertThat(referrals.queue(new Referrals.QueueFilter(null, null, null, true), null, 1000))
                .extracting(Referral::id)
                .contains(unrated.id(), red.id())
                .doesNotContain(green.id());
    }
}
