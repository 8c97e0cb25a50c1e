package uk.mashhub.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.kernel.WorkerThread;

/**
 * Commits the audit events of many callers together: one transaction, one turn at the chain head
 * and one write-ahead-log flush for every caller waiting at that moment, instead of one each.
 *
 * <p>For changes whose only write <em>is</em> their audit — a release decision is nothing but the
 * event that records it. The caller decides (reading in a transaction of its own), hands its events
 * over with {@link #commit} and gets their receipts once the transaction holding them has
 * committed, or {@link NotCommitted} if it did not (then nothing may be released). A change that
 * writes anything else publishes its events in its own transaction, as before (ADR 0014).
 *
 * <p>One writer thread per instance takes whatever callers have queued (at least one caller, up to
 * {@code hub.audit.chain.group-commit-max-events} events), so a batch forms while the previous one
 * commits: an idle hub commits each caller alone, a busy one shares the cost.
 */
@Component
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The events could not be committed (or not in time): nothing they record may happen. */
    public static final class NotCommitted extends RuntimeException {
        NotCommitted(String message, @Nullable Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * Something the decision read changed before its events could be chained (an event its {@link
     * DecisionBasis} names was chained since it began): nothing was committed; decide again.
     */
    public static final class Outdated extends RuntimeException {
        Outdated(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A caller's events, what its decision read (null: nothing that may change), its answer, and
     * the moment (System.nanoTime) after which it will not wait.
     */
    private record Submission(
            List<AuditLog.Prepared> events,
            @Nullable DecisionBasis basis,
            CompletableFuture<List<AuditReceipt>> receipts,
            long deadline) {

        /** The caller has its answer already, or has given up waiting: nothing more to do for it. */
        boolean over(long now) {
            if (!receipts.isDone() && now - deadline >= 0) {
                receipts.completeExceptionally(new NotCommitted("the audit transaction did not start in time", null));
            }
            return receipts.isDone();
        }
    }

    /** How much longer a caller waits than its deadline: the time a commit that started in time may take. */
    private static final Duration COMMIT_GRACE = Duration.ofSeconds(2);

    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final int maxEvents;
    private final Duration wait;
    private final DistributionSummary batchSizes;
    private final Counter outdatedCallers;
    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private final WorkerThread writer = new WorkerThread("audit-group-commit");

    GroupCommit(
            AuditLog auditLog,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ChainProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        this.auditLog = auditLog;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.maxEvents = properties.groupCommitMaxEvents();
        this.wait = properties.groupCommitTimeout();
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.batchSizes = DistributionSummary.builder("hub.audit.group.commit.events")
                .description("Audit events committed together in one transaction by the group commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.outdatedCallers = Counter.builder("hub.audit.group.commit.outdated")
                .description("Callers refused because something their decision read changed before it was chained")
                .register(registry);
        Gauge.builder("hub.audit.group.commit.queued", queue, LinkedBlockingQueue::size)
                .description("Callers waiting for the next group commit to start")
                .register(registry);
    }

    /** Callers waiting for the next group commit to start. */
    int queued() {
        return queue.size();
    }

    /**
     * A position in the chain no later than the head, for a decision about to read what {@code
     * changedBy} record changes of: call it before the decision reads anything, name what the
     * decision is about ({@link DecisionBasis#about}), and hand the result to {@link
     * #commit(List, DecisionBasis)} with the decision's events.
     */
    public DecisionBasis basis(List<DecisionBasis.Change> changedBy) {
        return new DecisionBasis(auditLog.headSequence(), changedBy, java.util.Set.of());
    }

    /** {@link #commit(List, DecisionBasis)} for events whose decision nothing can outdate. */
    public List<AuditReceipt> commit(List<? extends Auditable> auditables) {
        return commit(auditables, null);
    }

    /**
     * Chains and commits {@code auditables} (in this order, contiguous in the chain) and returns
     * their receipts in the same order. Must be called outside a transaction: the events are
     * committed in the writer's transaction, never in the caller's.
     *
     * @throws NotCommitted when the transaction failed or did not finish within the configured
     *     timeout; the events are then not committed (every statement of a shared transaction is
     *     limited to its earliest caller's time left), unless a commit already under way finishes
     *     within a short grace after the deadline (then they are audited, not released)
     * @throws Outdated when an event {@code basis} names has been chained since the decision began
     *     to read: none of the events is committed, and the caller should decide again
     */
    public List<AuditReceipt> commit(List<? extends Auditable> auditables, @Nullable DecisionBasis basis) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a group commit is its own transaction; call it outside one");
        }
        if (auditables.isEmpty()) {
            return List.of();
        }
        if (basis != null
                && basis.about().isEmpty()
                && basis.changedBy().stream().anyMatch(DecisionBasis.Change::aboutTheDecision)) {
            // else every change "about the decision" would pass unseen
            throw new IllegalArgumentException("a decision basis with changes about it must say what it is about");
        }
        List<AuditLog.Prepared> events = new ArrayList<>(auditables.size());
        auditables.forEach(auditable -> events.add(auditLog.prepare(auditable)));
        Submission submission =
                new Submission(events, basis, new CompletableFuture<>(), System.nanoTime() + wait.toNanos());
        if (!running) {
            throw stopped();
        }
        queue.add(submission);
        if (!running && queue.remove(submission)) {
            throw stopped(); // stopped in between: the writer may already have gone
        }
        try {
            return submission.receipts().get(wait.plus(COMMIT_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Outdated outdatedDecision) {
                throw outdatedDecision;
            }
            throw new NotCommitted("the audit transaction failed", failed.getCause());
        } catch (TimeoutException late) {
            // not yet taken by the writer: it never will be (a caller refused is not audited later)
            submission.receipts().cancel(false);
            throw new NotCommitted("the audit transaction did not commit within " + wait, late);
        } catch (InterruptedException interrupted) {
            submission.receipts().cancel(false);
            Thread.currentThread().interrupt();
            throw new NotCommitted("interrupted while the audit was committed", interrupted);
        }
    }

    private static NotCommitted stopped() {
        return new NotCommitted("the hub is not accepting audited changes (starting or stopping)", null);
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Submission first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null || first.over(System.nanoTime())) {
                continue; // nothing, or a caller that has given up waiting
            }
            List<Submission> batch = new ArrayList<>();
            batch.add(first);
            int events = first.events().size();
            for (Submission next = queue.peek();
                    next != null && events + next.events().size() <= maxEvents;
                    next = queue.peek()) {
                queue.remove(next);
                if (!next.over(System.nanoTime())) {
                    batch.add(next);
                    events += next.events().size();
                }
            }
            try {
                write(batch, events);
            } catch (Throwable unexpected) { // the writer must outlive any one batch
                batch.forEach(submission -> submission.receipts().completeExceptionally(unexpected));
                log.error(
                        "Audit group commit failed unexpectedly ({})",
                        unexpected.getClass().getSimpleName());
                if (unexpected instanceof VirtualMachineError fatal) {
                    running = false;
                    failQueued(fatal);
                    throw fatal;
                }
            }
        }
        failQueued(null);
    }

    /** Refuses every caller still queued (the writer is ending). */
    private void failQueued(@Nullable Throwable cause) {
        for (Submission left = queue.poll(); left != null; left = queue.poll()) {
            left.receipts().completeExceptionally(cause != null ? cause : stopped());
        }
    }

    private void write(List<Submission> batch, int eventCount) {
        // identity, not equality: a record's equals would compare every event of every caller
        java.util.Set<Submission> outdated = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<AuditReceipt> receipts;
        try {
            long earliest = batch.stream().mapToLong(Submission::deadline).min().orElseThrow();
            receipts = transaction.execute(status -> {
                // no statement may outlast the first caller's deadline: then nobody is told "refused"
                // while their events commit afterwards (a commit that started in time has COMMIT_GRACE)
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest - System.nanoTime()));
                jdbc.queryForObject("SELECT set_config('statement_timeout', ?, true)", String.class, left + "ms");
                outdated.clear();
                outdated.addAll(outdatedIn(batch));
                List<AuditLog.Prepared> events = new ArrayList<>(eventCount);
                batch.stream()
                        .filter(submission -> !outdated.contains(submission))
                        .forEach(submission -> events.addAll(submission.events()));
                List<AuditReceipt> chained = events.isEmpty() ? List.of() : auditLog.chain(events);
                if (System.nanoTime() - earliest > 0) {
                    // each statement kept within the time left, but not all of them together (nor the wait
                    // for this instance's turn at the head): a caller already refused must not be audited
                    throw new NotCommitted("the earliest caller's time ran out before the commit", null);
                }
                return chained;
            });
        } catch (RuntimeException failed) {
            if (batch.size() > 1) {
                // one caller's events may be what failed: the others should not pay for it
                for (Submission alone : batch) {
                    if (!alone.over(System.nanoTime())) {
                        write(List.of(alone), alone.events().size());
                    }
                }
                return;
            }
            log.warn(
                    "Audit commit of {} events failed or was not confirmed ({}); the release is refused",
                    eventCount,
                    failed.getClass().getSimpleName());
            batch.forEach(submission -> submission.receipts().completeExceptionally(failed));
            return;
        }
        // the receipts come in the order of the events (a checkpoint, if one was due, after them)
        List<AuditReceipt> inOrder = java.util.Objects.requireNonNull(receipts);
        int from = 0;
        for (Submission submission : batch) {
            if (outdated.contains(submission)) {
                outdatedCallers.increment();
                submission
                        .receipts()
                        .completeExceptionally(new Outdated("what the decision read changed before it was chained"));
                continue;
            }
            int to = from + submission.events().size();
            submission.receipts().complete(List.copyOf(inOrder.subList(from, to)));
            from = to;
        }
        if (from > 0) {
            batchSizes.record(from);
        }
    }

    /**
     * The callers whose decisions a change chained since has outdated. Takes the chain head first
     * when any caller has a basis: from then until commit no other event can be chained, so what is
     * read here is every change that will be chained before these events.
     */
    private List<Submission> outdatedIn(List<Submission> batch) {
        long since = Long.MAX_VALUE;
        java.util.Set<String> types = new java.util.HashSet<>();
        for (Submission submission : batch) {
            if (submission.basis() != null) {
                since = Math.min(since, submission.basis().sequence());
                submission.basis().changedBy().forEach(change -> types.add(change.type()));
            }
        }
        if (since == Long.MAX_VALUE) {
            return List.of();
        }
        List<AuditLog.Chained> changes = auditLog.takeHeadAndReadSince(since, types);
        if (changes.isEmpty()) {
            return List.of();
        }
        return batch.stream()
                .filter(submission -> submission.basis() != null
                        && changes.stream().anyMatch(change -> submission
                                .basis()
                                .changedBy(change.sequence(), change.type(), change.details())))
                .toList();
    }

    @Override
    public void start() {
        running = true;
        writer.start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        writer.awaitEnd(false); // the writer commits what is queued, then ends (it looks at the flag every 200 ms)
        failQueued(null); // whatever a stuck writer has not taken yet
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return uk.mashhub.kernel.WorkerPhase.BEFORE_THE_WEB_SERVER;
    }
}
