package uk.mashhub.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.mashhub.kernel.AgencyId;

/**
 * The append-only, hash-chained audit log ({@code audit.audit_event}).
 *
 * <p>Events published inside a transaction are collected and chained as the <em>last</em> step of
 * that transaction ({@link #seal()}, called by whoever needs the receipts, or just before commit
 * otherwise): lock the one chain head row, number and hash the events after it, insert them and
 * move the head — one statement. The head row lock is held to commit, so the chain order is the
 * commit order across every hub instance sharing the database, a rolled-back transaction leaves no
 * gap, and the head is always the last lock a transaction takes (no deadlock cycle through it).
 * See ADR 0014.
 *
 * <p>An event published outside a transaction is refused: a change whose audit could be lost
 * must not happen at all.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    static final AgencyId HUB = new AgencyId("mash-hub");

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;
    private final CheckpointSigner signer;
    private final ChainProperties properties;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock headTurn =
            new java.util.concurrent.locks.ReentrantLock(true);

    AuditLog(
            JdbcTemplate jdbc,
            Pseudonyms pseudonyms,
            CheckpointSigner signer,
            ChainProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        io.micrometer.core.instrument.Gauge.builder(
                        "hub.audit.chain.head.waiting",
                        headTurn,
                        java.util.concurrent.locks.ReentrantLock::getQueueLength)
                .description("Transactions of this instance waiting for their turn at the audit chain head")
                .register(meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @EventListener
    void append(Auditable auditable) {
        pending().events.add(prepare(auditable));
    }

    /** An event ready to chain: pseudonymised, its details in canonical form. */
    record Prepared(AuditEvent event, String details) {}

    /** Everything about an event that does not need the chain head (done before it is taken). */
    Prepared prepare(Auditable auditable) {
        AuditEvent event = pseudonyms.apply(auditable.auditEvent());
        return new Prepared(event, canonical(event.details()));
    }

    /**
     * Chains every event published so far in this transaction and returns their receipts; the
     * caller must do no more database work in the transaction after this (the chain head is locked
     * until commit). Events published later in the transaction are chained just before commit.
     */
    public List<AuditReceipt> seal() {
        Pending pending = pending();
        if (pending.events.isEmpty()) {
            return List.of();
        }
        List<AuditReceipt> receipts = chain(pending.events);
        pending.events.clear();
        return receipts;
    }

    /**
     * Chains prepared events in the current transaction, after whatever the head says last: takes
     * the head (held to commit), numbers and hashes them, inserts them and moves the head in one
     * statement, adding a signed checkpoint when the chain passes a multiple of the interval.
     */
    List<AuditReceipt> chain(List<Prepared> events) {
        requireTransaction();
        queueForTheHead();
        Head head = lockHead();
        List<ChainedEvent> chained = new ArrayList<>(events.size() + 1);
        List<String> details = new ArrayList<>(events.size() + 1);
        long sequence = head.sequence();
        String previous = head.hash();
        for (Prepared event : events) {
            ChainedEvent link = ChainedEvent.after(++sequence, previous, event.event(), event.details());
            chained.add(link);
            details.add(event.details());
            previous = link.hash();
        }
        if (sequence / properties.checkpointEveryEvents() > head.sequence() / properties.checkpointEveryEvents()) {
            AuditEvent checkpoint = checkpointEvent(sequence, previous);
            details.add(canonical(checkpoint.details()));
            ChainedEvent link = ChainedEvent.after(sequence + 1, previous, checkpoint, details.getLast());
            chained.add(link);
            sequence++;
            previous = link.hash();
        }
        write(chained, details, head, new Head(sequence, previous));
        return chained.stream().map(ChainedEvent::receipt).toList();
    }

    /**
     * The event types of nearly every row: releases, refusals, contributed records, checkpoints —
     * in the order the partial index audit_event_changes (changelog audit-0007) lists them.
     */
    static final List<String> FREQUENT = List.of(
            "RecordReleased", "ReleaseDenied", "ReleaseRefused", "RecordContributed", CheckpointSigner.EVENT_TYPE);

    /** The predicate of the partial index audit_event_changes, word for word (a test holds them together). */
    static final String CHANGES = "type NOT IN ("
            + String.join(", ", FREQUENT.stream().map(type -> "'" + type + "'").toList()) + ")";

    /** An event chained after some position: its sequence number, type and canonical details. */
    record Chained(long sequence, String type, String details) {}

    /**
     * Takes the chain head for the current transaction (held to commit, as {@link #chain} does) and
     * returns the events of {@code types} chained after {@code sequence}: with the head held, no
     * other can be chained before this transaction commits.
     */
    List<Chained> takeHeadAndReadSince(long sequence, java.util.Collection<String> types) {
        requireTransaction();
        queueForTheHead();
        Head head = lockHead();
        if (head.sequence() <= sequence) {
            return List.of(); // nothing chained since
        }
        // the partial index audit_event_changes skips releases and contributed records, the bulk of
        // the log, when the types asked for are none of those (its predicate is in the query, so the
        // planner may use it); bounded on both sides, so a prepared statement's generic plan reads a
        // range, not a third of the log
        boolean frequentAskedFor = types.stream().anyMatch(FREQUENT::contains);
        return jdbc.query(
                "SELECT sequence, type, details::text FROM audit.audit_event"
                        + " WHERE sequence > ? AND sequence <= ? AND type = ANY (?)"
                        + (frequentAskedFor ? "" : " AND " + CHANGES)
                        + " ORDER BY sequence",
                (row, n) -> new Chained(row.getLong(1), row.getString(2), row.getString(3)),
                sequence,
                head.sequence(),
                types.toArray(String[]::new));
    }

    /**
     * A chain position no later than the head: the highest head this instance has locked, or left
     * behind a transaction of its own that committed; read from the database only the first time.
     * Cheaper than reading the hot head row, and as good for a decision's basis — an earlier
     * position only means more events to look through at commit, and at worst one decision taken
     * again for a change it had in fact seen (ADR 0014, point 9). It assumes the head never moves
     * back: after a restore of the database, restart the hub. (Nothing here rolls back to a
     * savepoint, which would release the head's lock while {@code HeldHead} still held it.)
     */
    long headSequence() {
        long seen = seenHead.get();
        if (seen >= 0) {
            return seen;
        }
        Long sequence = jdbc.queryForObject("SELECT sequence FROM audit.chain_head WHERE id = ?", Long.class, 1);
        seen(sequence == null ? 0 : sequence);
        return seenHead.get();
    }

    /**
     * Appends a signed checkpoint of the current head unless the head already is one; returns
     * whether it did. Must run in a transaction of its own.
     */
    boolean checkpoint() {
        requireTransaction();
        queueForTheHead();
        Head head = lockHead();
        if (head.sequence() == 0) {
            return false;
        }
        String lastType = jdbc.queryForObject(
                "SELECT type FROM audit.audit_event WHERE sequence = ?", String.class, head.sequence());
        if (CheckpointSigner.EVENT_TYPE.equals(lastType)) {
            return false;
        }
        AuditEvent event = checkpointEvent(head.sequence(), head.hash());
        String details = canonical(event.details());
        ChainedEvent checkpoint = ChainedEvent.after(head.sequence() + 1, head.hash(), event, details);
        write(List.of(checkpoint), List.of(details), head, new Head(checkpoint.sequence(), checkpoint.hash()));
        return true;
    }

    private AuditEvent checkpointEvent(long sequence, String hash) {
        return new AuditEvent(
                AuditEvent.newId(),
                CheckpointSigner.EVENT_TYPE,
                HUB,
                "mash-hub",
                clock.instant(),
                signer.sign(sequence, hash));
    }

    record Head(long sequence, String hash) {}

    /**
     * Transactions of this instance queue for the chain head here, in the JVM, and only one at a
     * time waits for the row lock in PostgreSQL: a queue of database lock waiters costs far more
     * than a queue of threads. Released when the transaction completes (the row lock too).
     */
    private void queueForTheHead() {
        if (TransactionSynchronizationManager.hasResource(headTurn)) {
            return; // this transaction holds the turn already
        }
        headTurn.lock();
        HeldHead held = new HeldHead();
        TransactionSynchronizationManager.bindResource(headTurn, held);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(headTurn);
                if (status == STATUS_COMMITTED && held.head != null) {
                    seen(held.head.sequence());
                }
                headTurn.unlock();
            }
        });
    }

    /** The head as this transaction holds it (locked once, then moved by each write). */
    private static final class HeldHead {
        @org.jspecify.annotations.Nullable
        Head head;
    }

    /** Locks the head row, once per transaction (the caller holds the turn); then the held head. */
    private Head lockHead() {
        HeldHead held = (HeldHead) TransactionSynchronizationManager.getResource(headTurn);
        if (held != null && held.head != null) {
            return held.head;
        }
        // with an argument JdbcTemplate prepares the statement, so the driver keeps it prepared on
        // the connection; without one it sends plain text, which PostgreSQL parses and plans anew
        // every time (pg_stat_statements: 0.020 ms of its CPU per release, docs/benchmarks.md)
        Head head = java.util.Objects.requireNonNull(jdbc.queryForObject(
                "SELECT sequence, encode(hash, 'hex') FROM audit.chain_head WHERE id = ? FOR UPDATE",
                (row, n) -> new Head(row.getLong(1), row.getString(2)),
                1));
        if (held != null) {
            held.head = head;
        }
        seen(head.sequence());
        return head;
    }

    /** The highest chain sequence number this instance has seen committed or locked: never above the head. */
    private final java.util.concurrent.atomic.AtomicLong seenHead = new java.util.concurrent.atomic.AtomicLong(-1);

    private void seen(long sequence) {
        seenHead.accumulateAndGet(sequence, Math::max);
    }

    private static String canonical(Map<String, Object> details) {
        return new String(CanonicalJson.encode(details), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String APPEND = "COPY audit.audit_event (sequence, id, type, actor_agency, actor, occurred_at,"
            + " details, previous_hash, hash, schema_version) FROM STDIN";

    /**
     * Appends the events ({@code details} = their canonical details, in order) with one COPY — the
     * cheapest way into PostgreSQL for both sides: no array parameters to encode, no per-row
     * casts — and moves the head. Both run in the caller's transaction, which holds the head.
     */
    private void write(List<ChainedEvent> chained, List<String> details, Head from, Head to) {
        CopyRows rows = new CopyRows(chained.size() * 1024);
        for (int i = 0; i < chained.size(); i++) {
            ChainedEvent link = chained.get(i);
            AuditEvent event = link.event();
            rows.value(link.sequence())
                    .value(event.id())
                    .value(event.type())
                    .value(event.actorAgency().value())
                    .value(event.actor())
                    .value(event.occurredAt())
                    .value(details.get(i)) // the canonical text that was hashed, kept as it is (json)
                    .bytesFromHex(link.previousHash())
                    .bytesFromHex(link.hash())
                    .value(ChainedEvent.SCHEMA_VERSION)
                    .endRow();
        }
        jdbc.execute((java.sql.Connection connection) -> {
            rows.copy(connection, APPEND);
            return null;
        });
        int moved = jdbc.update(
                "UPDATE audit.chain_head SET sequence = ?, hash = decode(?, 'hex') WHERE id = 1 AND sequence = ?",
                to.sequence(),
                to.hash(),
                from.sequence());
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved while it was locked");
        }
        HeldHead held = (HeldHead) TransactionSynchronizationManager.getResource(headTurn);
        if (held != null) {
            held.head = to;
        }
        if (log.isTraceEnabled()) {
            log.trace("chained audit events {} to {}", from.sequence() + 1, to.sequence());
        }
    }

    private Pending pending() {
        requireTransaction();
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending created = new Pending();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return LOWEST_PRECEDENCE; // after everything else that writes before commit
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    seal();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
                }
            });
            return created;
        }
        return pending;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audited events must be published inside the transaction of the change");
        }
    }

    private static final class Pending {
        final List<Prepared> events = new ArrayList<>();
    }
}
