package uk.mashhub.audit.reader;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A filter and a viewer turned into SQL over {@code audit_read.event}, newest first, for searches,
 * subject reports and exports alike.
 */
final class Criteria {

    static final List<String> DISCLOSURE_TYPES = List.of(
            "RecordReleased",
            "ReleaseDenied",
            "ReleaseRefused",
            "OverrideRecorded",
            "OverrideApproved",
            "OverrideRejected",
            "BreakGlassRecorded",
            "BreakGlassApproved",
            "BreakGlassRejected");

    private static final String COLUMNS = """
            e.sequence, e.id, e.type, e.occurred_at, e.actor_agency, e.actor, e.purpose, e.decision, e.provider,
            e.recipient, e.agreement_id, e.override_id, e.ground, encode(e.hash, 'hex'), e.document,
            encode(e.previous_hash, 'hex')""";
    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

    final String sql;
    final List<Object> parameters = new ArrayList<>();

    /**
     * @param person the pseudonym to narrow to (or null)
     * @param allTypes whether every event type counts (a subject report) rather than disclosures only
     * @param withheldFor join the subject-access withholdings of this pseudonym
     * @param ascending oldest first (exports, so that a full export verifies as a chain)
     */
    Criteria(
            DisclosureFilter filter,
            @Nullable String person,
            @Nullable String visibleTo,
            boolean allTypes,
            @Nullable Long before,
            @Nullable Long after,
            boolean ascending,
            @Nullable Integer limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
        sql.append(
                person != null
                        ? ", w.exemption, w.reference, w.withheld_by, w.withheld_by_agency, w.withheld_at"
                        : ", NULL, NULL, NULL, NULL, NULL");
        sql.append(" FROM audit_read.event e");
        String order = person != null ? "p.sequence" : "e.sequence";
        if (person != null) {
            sql.append(" JOIN audit_read.event_person p ON p.sequence = e.sequence AND p.occurred_at = e.occurred_at"
                    + " AND p.person = ?");
            parameters.add(person);
            sql.append(" LEFT JOIN audit_read.withheld_entry w ON w.person = p.person AND w.sequence = p.sequence");
        }
        sql.append(" WHERE true");
        if (filter.type() != null) {
            sql.append(" AND e.type = ?");
            parameters.add(filter.type());
        } else if (!allTypes) {
            sql.append(" AND e.type IN (")
                    .append(String.join(
                            ",",
                            DISCLOSURE_TYPES.stream().map(t -> "'" + t + "'").toList()))
                    .append(")");
        }
        equal(sql, "e.provider", filter.providingAgency());
        equal(sql, "e.recipient", filter.receivingAgency());
        equal(sql, "e.purpose", filter.purpose());
        equal(sql, "e.actor", filter.actor());
        equal(sql, "e.agreement_id", filter.agreementId());
        equal(sql, "e.decision", filter.decision());
        if (filter.breakGlassOnly()) {
            sql.append(" AND (e.ground = 'BREAK_GLASS' OR e.type LIKE 'BreakGlass%')");
        } else if (filter.overridesOnly()) {
            sql.append(" AND (e.ground IN ('OVERRIDE', 'BREAK_GLASS') OR e.type LIKE 'Override%'"
                    + " OR e.type LIKE 'BreakGlass%')");
        }
        if (filter.from() != null) {
            sql.append(" AND e.occurred_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND e.occurred_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (visibleTo != null) {
            sql.append(" AND (e.actor_agency = ? OR e.provider = ? OR e.recipient = ?)");
            parameters.add(visibleTo);
            parameters.add(visibleTo);
            parameters.add(visibleTo);
        }
        if (before != null) {
            sql.append(" AND ").append(order).append(" < ?");
            parameters.add(before);
        }
        if (after != null) {
            sql.append(" AND ").append(order).append(" > ?");
            parameters.add(after);
        }
        sql.append(" ORDER BY ").append(order).append(ascending ? " ASC" : " DESC");
        if (limit != null) {
            sql.append(" LIMIT ?");
            parameters.add(limit);
        }
        this.sql = sql.toString();
    }

    private void equal(StringBuilder sql, String column, @Nullable String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    Object[] arguments() {
        return parameters.toArray();
    }

    /** Reads a row of {@link #sql} (the columns are in a fixed order). */
    static DisclosureEntry entry(ResultSet row, JsonMapper json) throws SQLException {
        Map<String, Object> document = json.readValue(row.getString(15), DOCUMENT);
        @SuppressWarnings("unchecked")
        Map<String, Object> details =
                document.get("details") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        String exemption = row.getString(17);
        DisclosureEntry.Withholding withheld = exemption == null
                ? null
                : new DisclosureEntry.Withholding(
                        Exemption.valueOf(exemption),
                        row.getString(18),
                        row.getString(19),
                        row.getString(20),
                        row.getTimestamp(21).toInstant());
        return new DisclosureEntry(
                row.getLong(1),
                row.getObject(2, UUID.class),
                row.getString(3),
                instant(row, 4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getString(9),
                row.getString(10),
                row.getString(11),
                row.getString(12),
                row.getString(13),
                row.getString(14),
                details,
                withheld);
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getTimestamp(column).toInstant();
    }
}
