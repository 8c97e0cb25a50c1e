package uk.mashhub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.AgencyId;

/** How chained events are read back from {@code audit.audit_event}, by the verifier and the relay alike. */
final class StoredEvents {

    /** Select list whose columns {@link #read} expects, in this order. */
    static final String COLUMNS = """
            sequence, encode(previous_hash, 'hex'), encode(hash, 'hex'), id, type, actor_agency, actor, occurred_at,
            details::text""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private StoredEvents() {}

    static ChainedEvent read(ResultSet row, JsonMapper json) throws SQLException {
        return new ChainedEvent(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                new AuditEvent(
                        row.getObject(4, UUID.class),
                        row.getString(5),
                        new AgencyId(row.getString(6)),
                        row.getString(7),
                        row.getObject(8, OffsetDateTime.class).toInstant(),
                        json.readValue(row.getString(9), DETAILS)));
    }
}
