package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.mashhub.audit.AuditInstances.start;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import mashhub.testsupport.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit on a real PostgreSQL: callers waiting at the same time share one transaction, each
 * gets receipts for its own events (contiguous, in its order), the chain stays gap-free and
 * verifiable, and a failed transaction refuses every caller in it and commits none of their events.
 */
class GroupCommitIntegrationTests {

    private static List<AuditInstances.SomethingAudited> events(int count) {
        List<AuditInstances.SomethingAudited> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new AuditInstances.SomethingAudited(AuditInstances.anEvent()));
        }
        return events;
    }

    @Test
    void callersWaitingAtTheSameTimeShareOneTransactionAndEachGetsItsOwnContiguousReceipts() throws Exception {
        try (var hub = start(FreshDatabase.create("group_commit_shared"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            DataSource dataSource = hub.getBean(DataSource.class);
            ExecutorService callers = Executors.newFixedThreadPool(10);
            List<Future<List<AuditReceipt>>> answers = new ArrayList<>();
            try (Connection holder = dataSource.getConnection()) {
                // someone else holds the chain head: the first caller's transaction waits for it,
                // and the nine callers arriving meanwhile queue for the next one
                holder.setAutoCommit(false);
                holder.createStatement().execute("SELECT 1 FROM audit.chain_head WHERE id = 1 FOR UPDATE");
                answers.add(callers.submit(() -> commits.commit(events(1))));
                awaitWaitingForALock(hub);
                for (int caller = 0; caller < 9; caller++) {
                    int size = 1 + caller % 3;
                    answers.add(callers.submit(() -> commits.commit(events(size))));
                }
                awaitQueued(commits, 9);
                holder.rollback();
            }
            List<List<AuditReceipt>> receipts = new ArrayList<>();
            for (Future<List<AuditReceipt>> answer : answers) {
                receipts.add(answer.get());
            }
            callers.shutdown();

            for (int caller = 1; caller < receipts.size(); caller++) {
                List<AuditReceipt> own = receipts.get(caller);
                assertThat(own).hasSize(1 + (caller - 1) % 3);
                for (int i = 1; i < own.size(); i++) {
                    assertThat(own.get(i).sequence())
                            .as("a caller's events are contiguous, in its order")
                            .isEqualTo(own.get(i - 1).sequence() + 1);
                }
            }
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            List<Object> laterIds = receipts.subList(1, receipts.size()).stream()
                    .flatMap(List::stream)
                    .map(receipt -> (Object) receipt.eventId())
                    .toList();
            assertThat(jdbc.queryForObject(
                            "SELECT count(DISTINCT xmin::text) FROM audit.audit_event WHERE id = ANY (?::uuid[])",
                            Long.class,
                            (Object) laterIds.stream().map(Object::toString).toArray(String[]::new)))
                    .as("the nine queued callers' events were committed by one transaction")
                    .isOne();
            ChainVerification verification = hub.getBean(AuditChain.class).verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            assertThat(verification.eventsChecked()).isEqualTo(1 + laterIds.size());
        }
    }

    @Test
    void refusesEveryCallerOfAFailedTransactionAndCommitsNoneOfTheirEvents() {
        try (var hub = start(FreshDatabase.create("group_commit_fails"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            commits.commit(events(2));
            jdbc.execute("""
                    CREATE FUNCTION public.refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'simulated audit failure'; END $$""");
            jdbc.execute("""
                    CREATE TRIGGER refuse_for_test BEFORE INSERT ON audit.audit_event
                    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_for_test()""");

            assertThatThrownBy(() -> commits.commit(events(3))).isInstanceOf(GroupCommit.NotCommitted.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.audit_event", Long.class))
                    .isEqualTo(2);

            jdbc.execute("DROP TRIGGER refuse_for_test ON audit.audit_event");
            assertThat(commits.commit(events(1)))
                    .extracting(AuditReceipt::sequence)
                    .as("the chain goes on from where the last committed event left it")
                    .containsExactly(3L);
        }
    }

    @Test
    void oneCallersFailingEventsDoNotRefuseTheOthersInTheSameTransaction() throws Exception {
        try (var hub = start(FreshDatabase.create("group_commit_poison"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            jdbc.execute("""
                    CREATE FUNCTION public.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'simulated bad event'; END $$""");
            jdbc.execute("""
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON audit.audit_event FOR EACH ROW
                    WHEN (NEW.details::text LIKE '%poison%') EXECUTE FUNCTION public.refuse_poison()""");
            ExecutorService callers = Executors.newFixedThreadPool(5);
            List<Future<List<AuditReceipt>>> fine = new ArrayList<>();
            Future<List<AuditReceipt>> poisoned;
            try (Connection holder = hub.getBean(DataSource.class).getConnection()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("SELECT 1 FROM audit.chain_head WHERE id = 1 FOR UPDATE");
                fine.add(callers.submit(() -> commits.commit(events(1))));
                awaitWaitingForALock(hub);
                fine.add(callers.submit(() -> commits.commit(events(2))));
                poisoned = callers.submit(() -> commits.commit(List.of(
                        new AuditInstances.SomethingAudited(AuditInstances.anEvent(Map.of("thingId", "poison"))))));
                fine.add(callers.submit(() -> commits.commit(events(1))));
                awaitQueued(commits, 3);
                holder.rollback();
            }

            assertThatThrownBy(poisoned::get).hasCauseInstanceOf(GroupCommit.NotCommitted.class);
            long receipts = 0;
            for (Future<List<AuditReceipt>> answer : fine) {
                receipts += answer.get().size();
            }
            callers.shutdown();
            assertThat(receipts).isEqualTo(4);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.audit_event", Long.class))
                    .isEqualTo(4);
            ChainVerification verification = hub.getBean(AuditChain.class).verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
        }
    }

    @Test
    void callersRefusedForWaitingTooLongAreNotAuditedLater() throws Exception {
        try (var hub =
                start(FreshDatabase.create("group_commit_timeout"), "--hub.audit.chain.group-commit-timeout=1s")) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            ExecutorService callers = Executors.newFixedThreadPool(2);
            List<AuditInstances.SomethingAudited> first = events(1);
            List<AuditInstances.SomethingAudited> second = events(2);
            Future<List<AuditReceipt>> firstAnswer;
            Future<List<AuditReceipt>> secondAnswer;
            try (Connection holder = hub.getBean(DataSource.class).getConnection()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("SELECT 1 FROM audit.chain_head WHERE id = 1 FOR UPDATE");
                firstAnswer = callers.submit(() -> commits.commit(first));
                awaitWaitingForALock(hub);
                secondAnswer = callers.submit(() -> commits.commit(second));
                for (Future<List<AuditReceipt>> answer : List.of(firstAnswer, secondAnswer)) {
                    assertThatThrownBy(answer::get).hasCauseInstanceOf(GroupCommit.NotCommitted.class);
                }
                holder.rollback();
            }
            callers.shutdown();

            assertThat(commits.commit(events(1)))
                    .extracting(AuditReceipt::sequence)
                    .as("neither refused caller's events reached the log, before or after the head came free")
                    .containsExactly(1L);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.audit_event", Long.class))
                    .isOne();
        }
    }

    @Test
    void aCallerRefusedWhileTheWriterWaitedForItsTurnAtTheHeadIsNotAuditedLater() throws Exception {
        try (var hub = start(FreshDatabase.create("group_commit_turn"), "--hub.audit.chain.group-commit-timeout=1s")) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            var holding = new java.util.concurrent.CountDownLatch(1);
            Thread holder = Thread.ofPlatform()
                    .start(() -> hub.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                        // an audited change of this instance, in its own transaction: it holds the head's turn
                        hub.publishEvent(new AuditInstances.SomethingAudited(AuditInstances.anEvent()));
                        hub.getBean(AuditLog.class).seal(); // chained now: the head is this transaction's to commit
                        holding.countDown();
                        try {
                            Thread.sleep(3_500); // past the caller's time and its grace
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertThat(holding.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> commits.commit(events(1))).isInstanceOf(GroupCommit.NotCommitted.class);
            holder.join();

            assertThat(commits.commit(events(1)))
                    .extracting(AuditReceipt::sequence)
                    .as("the refused caller's event never reached the log: the holder's is 1, this one 2")
                    .containsExactly(2L);
        }
    }

    /** Chains one event of {@code type} in a transaction of its own, as a change of something would. */
    private static void changed(ConfigurableApplicationContext hub, String type, Map<String, Object> details) {
        hub.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            hub.publishEvent(new AuditInstances.SomethingAudited(new AuditEvent(
                    java.util.UUID.randomUUID(),
                    type,
                    new uk.mashhub.kernel.AgencyId("northshire-childrens-services"),
                    "pat.practitioner",
                    java.time.Instant.now(),
                    details)));
        });
    }

    private static final List<DecisionBasis.Change> CONSENT_OR_HAND_LINK = List.of(
            DecisionBasis.Change.about("ThingWithdrawn"),
            DecisionBasis.Change.about("ThingLinked", "link", "BY_HAND"),
            DecisionBasis.Change.any("RuleChanged"));

    /** Where the chain stands for a decision about thing t-1. */
    private static DecisionBasis aboutThingOne(GroupCommit commits) {
        return commits.basis(CONSENT_OR_HAND_LINK).about(List.of("t-1"));
    }

    @Test
    void refusesADecisionWhenAChangeOfWhatItReadWasChainedSinceAndCommitsNoneOfItsEvents() {
        try (var hub = start(FreshDatabase.create("group_commit_outdated"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            DecisionBasis basis = aboutThingOne(commits);

            changed(hub, "ThingWithdrawn", Map.of("thingId", "t-1"));

            assertThatThrownBy(() -> commits.commit(events(2), basis)).isInstanceOf(GroupCommit.Outdated.class);
            assertThat(jdbc.queryForList("SELECT type FROM audit.audit_event ORDER BY sequence", String.class))
                    .as("only the change is in the log")
                    .containsExactly("ThingWithdrawn");
            assertThat(commits.commit(events(2), aboutThingOne(commits)))
                    .extracting(AuditReceipt::sequence)
                    .as("decided again after the change, the events are chained after it")
                    .containsExactly(2L, 3L);
        }
    }

    @Test
    void commitsADecisionWhenOnlyOtherChangesOrChangesAboutOtherThingsWereChainedSince() {
        try (var hub = start(FreshDatabase.create("group_commit_still_current"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            DecisionBasis basis = aboutThingOne(commits);

            changed(hub, "ThingRecorded", Map.of("thingId", "t-1"));
            changed(hub, "ThingLinked", Map.of("link", "AUTOMATIC", "thingId", "t-1"));
            changed(hub, "ThingWithdrawn", Map.of("thingId", "t-2"));
            changed(hub, "ThingLinked", Map.of("link", "BY_HAND", "thingId", "t-2"));
            assertThat(commits.commit(events(1), basis))
                    .as("changes of other kinds, or about another thing, leave the decision as it was")
                    .extracting(AuditReceipt::sequence)
                    .containsExactly(5L);

            changed(hub, "ThingLinked", Map.of("link", "BY_HAND", "thingId", "t-1"));
            assertThatThrownBy(() -> commits.commit(events(1), basis))
                    .as("a link made by hand is a change the decision names")
                    .isInstanceOf(GroupCommit.Outdated.class);
            DecisionBasis later = aboutThingOne(commits);
            changed(hub, "RuleChanged", Map.of("ruleId", "r-9"));
            assertThatThrownBy(() -> commits.commit(events(1), later))
                    .as("a change of a rule counts whatever it is about")
                    .isInstanceOf(GroupCommit.Outdated.class);
        }
    }

    @Test
    void anOutdatedCallerDoesNotHoldBackTheOthersInTheSameTransaction() throws Exception {
        try (var hub = start(FreshDatabase.create("group_commit_outdated_shared"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);
            DecisionBasis before = aboutThingOne(commits);
            changed(hub, "ThingWithdrawn", Map.of("thingId", "t-1"));
            DecisionBasis after = aboutThingOne(commits);
            ExecutorService callers = Executors.newFixedThreadPool(4);
            Future<List<AuditReceipt>> first;
            Future<List<AuditReceipt>> outdated;
            Future<List<AuditReceipt>> current;
            Future<List<AuditReceipt>> unconditional;
            try (Connection holder = hub.getBean(DataSource.class).getConnection()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("SELECT 1 FROM audit.chain_head WHERE id = 1 FOR UPDATE");
                first = callers.submit(() -> commits.commit(events(1)));
                awaitWaitingForALock(hub);
                outdated = callers.submit(() -> commits.commit(events(2), before));
                current = callers.submit(() -> commits.commit(events(2), after));
                unconditional = callers.submit(() -> commits.commit(events(1)));
                awaitQueued(commits, 3);
                holder.rollback();
            }

            assertThatThrownBy(outdated::get).hasCauseInstanceOf(GroupCommit.Outdated.class);
            assertThat(first.get()).extracting(AuditReceipt::sequence).containsExactly(2L);
            List<AuditReceipt> shared = new ArrayList<>(current.get());
            shared.addAll(unconditional.get());
            callers.shutdown();
            assertThat(shared).extracting(AuditReceipt::sequence).containsExactlyInAnyOrder(3L, 4L, 5L);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject(
                            "SELECT count(DISTINCT xmin::text) FROM audit.audit_event WHERE sequence > 2", Long.class))
                    .as("the two current callers still shared one transaction")
                    .isOne();
            ChainVerification verification = hub.getBean(AuditChain.class).verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            assertThat(verification.eventsChecked()).isEqualTo(5);
        }
    }

    @Test
    void refusesABasisWhoseChangesAreAboutItButThatDoesNotSayWhatItIsAbout() {
        try (var hub = start(FreshDatabase.create("group_commit_unnamed_basis"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);

            // it would let every change about the decision pass unseen
            assertThatThrownBy(() -> commits.commit(events(1), commits.basis(CONSENT_OR_HAND_LINK)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("what it is about");
            assertThat(hub.getBean(JdbcTemplate.class)
                            .queryForObject("SELECT count(*) FROM audit.audit_event", Long.class))
                    .isZero();
        }
    }

    @Test
    void refusesToCommitInsideTheCallersOwnTransaction() {
        try (var hub = start(FreshDatabase.create("group_commit_nested"))) {
            GroupCommit commits = hub.getBean(GroupCommit.class);

            assertThatThrownBy(() -> hub.getBean(TransactionTemplate.class)
                            .executeWithoutResult(status -> commits.commit(events(1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside");
            assertThat(hub.getBean(JdbcTemplate.class)
                            .queryForObject("SELECT count(*) FROM audit.audit_event", Long.class))
                    .isZero();
        }
    }

    @Test
    void refusesCallersOnceTheHubIsStopping() {
        ConfigurableApplicationContext hub = start(FreshDatabase.create("group_commit_stopped"));
        GroupCommit commits = hub.getBean(GroupCommit.class);
        hub.close();

        assertThatThrownBy(() -> commits.commit(events(1)))
                .isInstanceOf(GroupCommit.NotCommitted.class)
                .hasMessageContaining("stopping");
    }

    private static void awaitWaitingForALock(ConfigurableApplicationContext hub) throws InterruptedException {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                        Long.class)
                == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first caller's transaction never waited for the chain head");
            }
            Thread.sleep(5);
        }
    }

    private static void awaitQueued(GroupCommit commits, int callers) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (commits.queued() != callers) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + callers + " callers queued, found " + commits.queued());
            }
            Thread.sleep(5);
        }
    }
}
