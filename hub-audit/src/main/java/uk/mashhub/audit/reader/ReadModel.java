package uk.mashhub.audit.reader;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.audit.CopyRows;
import uk.mashhub.audit.DisclosureRecord;

/**
 * The read model's tables ({@code audit_read}): events as consumed, the persons each names, the
 * position in the stream, subject-access withholdings and what retention removed. Written only by
 * the {@link StreamReader}, one batch per transaction together with the position it reached.
 */
final class ReadModel {

    /** Where the read model stands in the chain and in the topic. */
    record Position(long sequence, String hash, long nextOffset) {}

    static final String WITHHELD = "SubjectAccessEntryWithheld";
    static final String WITHHELD_RELEASED = "SubjectAccessEntryReleased";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final Set<YearMonth> months = ConcurrentHashMap.newKeySet();

    ReadModel(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(java.util.Objects.requireNonNull(jdbc.getDataSource()));
        this.cursor.setFetchSize(2000);
        this.transaction = transaction;
        this.reading = new TransactionTemplate(java.util.Objects.requireNonNull(transaction.getTransactionManager()));
        this.reading.setReadOnly(true);
    }

    /** Runs {@code sql} with a cursor, row by row, in constant memory (exports, reconciliation). */
    void stream(String sql, Object[] arguments, org.springframework.jdbc.core.RowCallbackHandler rows) {
        reading.executeWithoutResult(status -> cursor.query(sql, rows, arguments));
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    Position position() {
        return jdbc.queryForObject(
                "SELECT sequence, encode(hash, 'hex'), next_offset FROM audit_read.position WHERE id = 1",
                (row, n) -> new Position(row.getLong(1), row.getString(2), row.getLong(3)));
    }

    /** Stores {@code records} (already verified, in sequence order) and moves the position past them. */
    void apply(List<DisclosureRecord> records, long nextOffset) {
        transaction.executeWithoutResult(status -> {
            // the events and the position commit together, so a commit lost in a crash only means
            // reading those records again: the read model need not wait for the disk (ADR 0016)
            jdbc.execute("SET LOCAL synchronous_commit = off");
            if (!records.isEmpty()) {
                ensureMonths(records);
                insert(records);
                withholdings(records);
            }
            DisclosureRecord last = records.isEmpty() ? null : records.getLast();
            if (last == null) {
                jdbc.update("UPDATE audit_read.position SET next_offset = ? WHERE id = 1", nextOffset);
            } else if (jdbc.update(
                            "UPDATE audit_read.position SET sequence = ?, hash = decode(?, 'hex'), next_offset = ?,"
                                    + " applied_at = now() WHERE id = 1 AND sequence = ?",
                            last.sequence(),
                            last.hash(),
                            nextOffset,
                            records.getFirst().sequence() - 1)
                    != 1) {
                // another instance moved the read model on meanwhile: roll back, start again from it
                throw new IllegalStateException("the read model's position moved while this batch was verified");
            }
        });
    }

    private void ensureMonths(List<DisclosureRecord> records) {
        Set<YearMonth> needed = new HashSet<>();
        for (DisclosureRecord record : records) {
            YearMonth month = YearMonth.from(occurredAt(record).atOffset(ZoneOffset.UTC));
            if (!months.contains(month)) {
                needed.add(month);
            }
        }
        for (YearMonth month : needed) {
            jdbc.queryForObject("SELECT audit_read.ensure_month(?)::text", String.class, month.atDay(1));
            months.add(month);
        }
    }

    private void insert(List<DisclosureRecord> records) {
        CopyRows events = new CopyRows(records.size() * 1536);
        CopyRows persons = new CopyRows(records.size() * 128);
        for (DisclosureRecord record : records) {
            Map<String, Object> event = record.event();
            Map<String, Object> details = record.details();
            String occurredAt = String.valueOf(event.get("occurredAt"));
            events.value(record.sequence())
                    .value(occurredAt)
                    .value(event.get("id"))
                    .value(record.type())
                    .value(event.get("actorAgency"))
                    .value(event.get("actor"))
                    .value(details.get("purpose"))
                    .value(details.get("decision"))
                    .value(details.get("provider"))
                    .value(details.get("recipient"))
                    .value(details.get("agreementId"))
                    .value(details.get("overrideId"))
                    .value(details.get("ground"))
                    .bytesFromHex(record.hash())
                    .bytesFromHex(record.previousHash())
                    .value(record.canonicalEvent())
                    .endRow();
            for (String person : persons(details)) {
                persons.value(person).value(record.sequence()).value(occurredAt).endRow();
            }
        }
        jdbc.execute((Connection connection) -> {
            events.copy(connection, """
                    COPY audit_read.event (sequence, occurred_at, id, type, actor_agency, actor, purpose, decision,
                                           provider, recipient, agreement_id, override_id, ground, hash,
                                           previous_hash, document) FROM STDIN""");
            if (persons.count() > 0) {
                persons.copy(connection, "COPY audit_read.event_person (person, sequence, occurred_at) FROM STDIN");
            }
            return null;
        });
    }

    /** Withholdings are events too: the read model applies them when they arrive from the stream. */
    private void withholdings(List<DisclosureRecord> records) {
        for (DisclosureRecord record : records) {
            Map<String, Object> details = record.details();
            if (WITHHELD.equals(record.type())) {
                jdbc.update(
                        """
                        INSERT INTO audit_read.withheld_entry (person, sequence, exemption, reference, withheld_by,
                                                               withheld_by_agency, withheld_at, withholding_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (person, sequence) DO UPDATE SET exemption = excluded.exemption,
                          reference = excluded.reference, withheld_by = excluded.withheld_by,
                          withheld_by_agency = excluded.withheld_by_agency, withheld_at = excluded.withheld_at,
                          withholding_sequence = excluded.withholding_sequence""",
                        text(details.get("personId")),
                        ((Number) details.get("entrySequence")).longValue(),
                        text(details.get("exemption")),
                        text(details.get("reference")),
                        String.valueOf(record.event().get("actor")),
                        String.valueOf(record.event().get("actorAgency")),
                        OffsetDateTime.ofInstant(occurredAt(record), ZoneOffset.UTC),
                        record.sequence());
            } else if (WITHHELD_RELEASED.equals(record.type())) {
                jdbc.update(
                        "DELETE FROM audit_read.withheld_entry WHERE person = ? AND sequence = ?",
                        text(details.get("personId")),
                        ((Number) details.get("entrySequence")).longValue());
            }
        }
    }

    /** The pseudonyms an event's details name, at any depth (persons and identities alike). */
    static Collection<String> persons(Map<String, Object> details) {
        Set<String> found = new LinkedHashSet<>();
        collect(details.values(), found);
        return found;
    }

    private static void collect(Collection<?> values, Set<String> found) {
        for (Object value : values) {
            if (value instanceof String text && text.startsWith("psn:")) {
                found.add(text);
            } else if (value instanceof Collection<?> list) {
                collect(list, found);
            } else if (value instanceof Map<?, ?> map) {
                collect(map.values(), found);
            }
        }
    }

    static Instant occurredAt(DisclosureRecord record) {
        return Instant.parse(String.valueOf(record.event().get("occurredAt")));
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    /** Drops whole months past the longest retention; deletes events of shorter-lived types. */
    long applyRetention(ReaderProperties.Retention retention, Instant now) {
        return transaction.execute(status -> {
            long removed = 0;
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            java.time.Period longest = retention.keep();
            for (java.time.Period period : retention.byType().values()) {
                if (today.minus(period).isBefore(today.minus(longest))) {
                    longest = period;
                }
            }
            LocalDate keepFrom = today.minus(longest);
            List<LocalDate> expiredMonths = jdbc.queryForList("""
                    SELECT to_date(substring(c.relname from 8), 'YYYY"m"MM')
                    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'audit_read.event'::regclass AND c.relname ~ '^event_y[0-9]{4}m[0-9]{2}$'""", LocalDate.class);
            for (LocalDate month : expiredMonths) {
                if (!month.plusMonths(1).isAfter(keepFrom)) {
                    Long dropped = jdbc.queryForObject("SELECT audit_read.drop_month(?)", Long.class, month);
                    removed += dropped == null ? 0 : dropped;
                    months.remove(YearMonth.from(month));
                }
            }
            for (Map.Entry<String, java.time.Period> type : retention.byType().entrySet()) {
                Instant before = today.minus(type.getValue())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                List<Map<String, Object>> cut =
                        jdbc.queryForList("""
                        WITH gone AS (
                          DELETE FROM audit_read.event WHERE type = ? AND occurred_at < ?
                          RETURNING sequence, occurred_at),
                        persons AS (
                          DELETE FROM audit_read.event_person p USING gone
                          WHERE p.sequence = gone.sequence AND p.occurred_at = gone.occurred_at)
                        SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, count(*) AS events
                        FROM gone GROUP BY 1""", type.getKey(), OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                for (Map<String, Object> row : cut) {
                    long events = ((Number) row.get("events")).longValue();
                    jdbc.update(
                            "INSERT INTO audit_read.retention_cut (month, type, events) VALUES (?, ?, ?)",
                            row.get("month"),
                            type.getKey(),
                            events);
                    removed += events;
                }
            }
            return removed;
        });
    }
}
