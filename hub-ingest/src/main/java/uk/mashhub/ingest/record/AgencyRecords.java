package uk.mashhub.ingest.record;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.person.Resolution;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ProblemType;

/**
 * The records agencies contribute. Contributing links the subject (as the provider knows them) to a
 * person; reading is for the provider only. A batch is one transaction: all of it or none.
 */
@Component
@Transactional
public class AgencyRecords {

    /**
     * A batch id this agency kept before with other records. Reported on the agency's results topic
     * as a refusal; no HTTP operation answers it.
     */
    public static final ProblemType BATCH_ID_REUSED =
            new ProblemType("batch-id-reused", "This batch id was used for other records", 422);

    private final JdbcClient jdbc;
    private final Persons persons;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    AgencyRecords(JdbcClient jdbc, Persons persons, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.events = events;
        this.clock = clock;
    }

    public AgencyRecord contribute(RecordSubmission submission, Actor by) {
        return contributeAll(List.of(submission), by).getFirst();
    }

    /**
     * Contributes every record of a batch in one transaction: if one fails, none is kept. The subjects
     * are resolved together ({@link Persons#resolveAll}) and the records written in one statement.
     */
    public List<AgencyRecord> contributeAll(List<RecordSubmission> submissions, Actor by) {
        Instant now = clock.instant();
        List<Resolution> subjects = persons.resolveAll(
                by.agency(),
                submissions.stream()
                        .map(submission -> new Persons.Report(
                                submission.subject().localId(),
                                submission.subject().demographics()))
                        .toList(),
                by);
        List<AgencyRecord> records = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            RecordSubmission submission = submissions.get(i);
            records.add(new AgencyRecord(
                    UUID.randomUUID(),
                    by.agency(),
                    subjects.get(i).identity(),
                    submission.category(),
                    submission.fields(),
                    submission.specialCategoryFields(),
                    submission.sourceReference(),
                    submission.recordedAt(),
                    now));
        }
        jdbc.sql("""
                        INSERT INTO ingest.agency_record (id, provider, subject_identity, category, fields,
                          special_category_fields, source_reference, recorded_at, received_at)
                        SELECT id, ?, subject, category, CAST(fields AS jsonb), CAST(special AS text[]), source,
                               CAST(recorded AS timestamptz), ?
                          FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]),
                                      CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                            AS r(id, subject, category, fields, special, source, recorded)""")
                .params(
                        by.agency().value(),
                        Timestamp.from(now),
                        records.stream().map(AgencyRecord::id).toArray(UUID[]::new),
                        records.stream().map(r -> r.subject().value()).toArray(UUID[]::new),
                        records.stream().map(r -> r.category().name()).toArray(String[]::new),
                        records.stream()
                                .map(r -> json.writeValueAsString(r.fields()))
                                .toArray(String[]::new),
                        // field names are plain tokens (letters, digits, '_' and '.'): no quoting needed
                        records.stream()
                                .map(r -> sqlArray(r.specialCategoryFields().stream()
                                        .sorted()
                                        .toList()))
                                .toArray(String[]::new),
                        records.stream().map(AgencyRecord::sourceReference).toArray(String[]::new),
                        records.stream().map(r -> r.recordedAt().toString()).toArray(String[]::new))
                .update();
        for (AgencyRecord record : records) {
            events.publishEvent(new RecordContributed(record, by));
        }
        return records;
    }

    /**
     * Contributes a batch that may be delivered more than once (a message on the inbound topic): the
     * batch id is recorded in the same transaction as the records, with a digest of them, so a
     * redelivery keeps nothing new — and other records sent under a batch id already kept are refused
     * ({@link #BATCH_ID_REUSED}), not taken for a redelivery and dropped unnoticed.
     *
     * @return the records kept, or an empty list if this agency's batch id was kept before with the
     *     same records (or before the hub kept digests)
     * @throws HubProblem {@link #BATCH_ID_REUSED} if the batch id was kept before with other records
     */
    public List<AgencyRecord> contributeOnce(String batchId, List<RecordSubmission> submissions, Actor by) {
        if (batchId == null || batchId.isBlank() || batchId.length() > 200) {
            throw new uk.mashhub.kernel.InvalidValue("batch id", "must be 1 to 200 characters");
        }
        String digest = BatchDigest.of(submissions);
        int first = jdbc.sql("""
                        INSERT INTO ingest.inbound_batch (agency_id, batch_id, records, received_at, content_digest)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(by.agency().value(), batchId, submissions.size(), Timestamp.from(clock.instant()), digest)
                .update();
        if (first != 1) {
            // kept before (a transaction keeping it at this moment has been waited for): the same records, or others?
            String kept = jdbc.sql(
                            "SELECT content_digest FROM ingest.inbound_batch WHERE agency_id = ? AND batch_id = ?")
                    .params(by.agency().value(), batchId)
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (kept != null && !kept.equals(digest)) {
                throw new HubProblem(
                        BATCH_ID_REUSED,
                        "This batch id was used before for other records; nothing was kept."
                                + " Send new records under a new batch id.");
            }
            return List.of();
        }
        List<AgencyRecord> kept = contributeAll(submissions, by);
        jdbc.sql("UPDATE ingest.inbound_batch SET record_ids = ? WHERE agency_id = ? AND batch_id = ?")
                .params(
                        kept.stream().map(AgencyRecord::id).toArray(UUID[]::new),
                        by.agency().value(),
                        batchId)
                .update();
        return kept;
    }

    /**
     * The ids of the records an agency's batch kept when it first arrived, for answering a
     * redelivery (empty for an unknown batch, or one kept before the hub recorded them).
     */
    @Transactional(readOnly = true)
    public List<UUID> keptBefore(AgencyId agency, String batchId) {
        return jdbc.sql("SELECT record_ids FROM ingest.inbound_batch WHERE agency_id = ? AND batch_id = ?")
                .params(agency.value(), batchId)
                .query((rs, n) -> {
                    java.sql.Array ids = rs.getArray(1);
                    return ids == null ? List.<UUID>of() : List.of((UUID[]) ids.getArray());
                })
                .optional()
                .orElse(List.of());
    }

    /** The record, for its provider only: any other agency is told it is not there. */
    @Transactional(readOnly = true)
    public Optional<AgencyRecord> find(UUID id, AgencyId viewer) {
        return jdbc.sql(SELECT_HELD + " WHERE r.id = ? AND r.provider = ?")
                .params(id, viewer.value())
                .query((rs, n) -> held(rs).record())
                .optional();
    }

    /**
     * A record with the person it is about, for a release decision — which is the caller's to make:
     * nothing here checks who may see it.
     */
    public record Held(AgencyRecord record, PersonId person) {}

    /** The record with this id, whoever provided it (for a release decision only). */
    @Transactional(readOnly = true)
    public Optional<Held> held(UUID id) {
        return jdbc.sql(SELECT_HELD + " WHERE r.id = ?")
                .param(id)
                .query((rs, n) -> held(rs))
                .optional();
    }

    /**
     * The records about any of {@code persons} (through every identity linked to them), optionally
     * only of some categories or providers (empty = all), oldest first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<Held> heldAbout(
            Set<PersonId> persons, Set<DataCategory> categories, Set<AgencyId> providers, int limit) {
        if (persons.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_HELD + "\n" + """
                         WHERE i.person_id = ANY (CAST(? AS uuid[]))
                           AND (cardinality(CAST(? AS text[])) = 0 OR r.category = ANY (CAST(? AS text[])))
                           AND (cardinality(CAST(? AS text[])) = 0 OR r.provider = ANY (CAST(? AS text[])))
                         ORDER BY r.recorded_at, r.id
                         LIMIT ?""")
                .params(
                        sqlArray(persons.stream().map(PersonId::toString).toList()),
                        sqlArray(categories.stream().map(Enum::name).toList()),
                        sqlArray(categories.stream().map(Enum::name).toList()),
                        sqlArray(providers.stream().map(AgencyId::value).toList()),
                        sqlArray(providers.stream().map(AgencyId::value).toList()),
                        limit)
                .query((rs, n) -> held(rs))
                .list();
    }

    private static final String SELECT_HELD = """
            SELECT r.id, r.provider, r.subject_identity, r.category, r.fields::text AS fields,
                   r.special_category_fields, r.source_reference, r.recorded_at, r.received_at, i.person_id
              FROM ingest.agency_record r JOIN ingest.person_identity i ON i.id = r.subject_identity""";

    /** A PostgreSQL array literal of plain tokens (ids, enum names, agency codes: no quoting needed). */
    private static String sqlArray(List<String> tokens) {
        return "{" + String.join(",", tokens) + "}";
    }

    private Held held(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Held(
                new AgencyRecord(
                        rs.getObject("id", UUID.class),
                        new AgencyId(rs.getString("provider")),
                        new IdentityId(rs.getObject("subject_identity", UUID.class)),
                        DataCategory.valueOf(rs.getString("category")),
                        json.readValue(rs.getString("fields"), new TypeReference<Map<String, Object>>() {}),
                        Set.copyOf(Arrays.asList((String[])
                                rs.getArray("special_category_fields").getArray())),
                        rs.getString("source_reference"),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant()),
                new PersonId(rs.getObject("person_id", UUID.class)));
    }
}
