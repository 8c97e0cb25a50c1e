package uk.mashhub.ingest.person;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.ingest.person.PersonMatcher.Candidate;
import uk.mashhub.ingest.person.PersonMatcher.Normalised;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ProblemType;

/**
 * The persons the hub knows and which agency identities are linked to each. Resolution runs under
 * transaction-scoped locks per date of birth and name code (and per NHS number, when one is given),
 * so two agencies reporting the same child at the same moment cannot create two persons nor both
 * claim one NHS number; every link and unlink is audited.
 */
@Component
@Transactional
public class Persons {

    public static final ProblemType REVIEW_DECIDED =
            new ProblemType("match-review-decided", "This possible match has already been decided", 409);

    public static final ProblemType MATCH_CONTRADICTED =
            new ProblemType("match-contradicted", "What the hub now holds says these are different persons", 409);

    private static final String IDENTITY_COLUMNS = """
            i.id, i.agency_id, i.person_id, i.given_name, i.family_name, i.family_phonetic, i.date_of_birth, i.sex,
            i.postcode, i.nhs_number, p.nhs_number AS person_nhs""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Persons(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** One identity an agency reports: its own local id for the person and what it says about them. */
    public record Report(String localId, Demographics demographics) {}

    /** Links the agency's identity to a person: the one it already was, a matching one, or a new one. */
    public Resolution resolve(AgencyId agency, String localId, Demographics demographics, Actor by) {
        return resolveAll(agency, List.of(new Report(localId, demographics)), by)
                .getFirst();
    }

    /**
     * Resolves many identities of one agency, in order, as if {@link #resolve} were called for each in
     * turn — a report sees the persons and links made for the reports before it — but set-based: the
     * locks, the known identities and every candidate are read in one query each, the matching runs in
     * memory, and persons, identities and possible matches are written in one statement per table.
     */
    public List<Resolution> resolveAll(AgencyId agency, List<Report> reports, Actor by) {
        if (reports.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        LocalDate today = LocalTime.today(now);
        for (Report report : reports) {
            report.demographics().bornBy(today);
            String localId = report.localId();
            if (localId == null || localId.isBlank() || localId.length() > 100) {
                throw new uk.mashhub.kernel.InvalidValue("local id", "must be 1 to 100 characters");
            }
        }
        lockFor(
                reports.stream().map(Report::demographics).toList(),
                agency,
                reports.stream().map(Report::localId).toList());
        var resolving = new Resolving(agency, now);
        resolving.read(reports);
        List<Resolution> resolutions = new ArrayList<>(reports.size());
        for (Report report : reports) {
            resolutions.add(resolving.resolve(report));
        }
        resolving.write();
        for (Resolution resolution : resolutions) {
            if (resolution.link() == Resolution.LinkKind.UNLINKED_ON_CONTRADICTION) {
                events.publishEvent(new PersonLinkEvent(
                        "PersonUnlinked",
                        resolution.identity(),
                        resolution.person(),
                        resolution.link(),
                        List.of(),
                        resolution.possibleMatches().getFirst(), // the person it left, queued with it
                        by,
                        now));
            } else if (resolution.link() != Resolution.LinkKind.KNOWN_IDENTITY) {
                events.publishEvent(new PersonLinkEvent(
                        "PersonLinked",
                        resolution.identity(),
                        resolution.person(),
                        resolution.link(),
                        resolution.possibleMatches(),
                        null,
                        by,
                        now));
            }
        }
        return resolutions;
    }

    /** An identity row as a batch sees it: read before the batch, or written by it. */
    private static final class Row {
        final IdentityId id;
        PersonId person;
        final @Nullable String localId;
        IdentityColumns columns;

        Row(IdentityId id, PersonId person, @Nullable String localId, IdentityColumns columns) {
            this.id = id;
            this.person = person;
            this.localId = localId;
            this.columns = columns;
        }
    }

    /**
     * The state of one batch's resolution: the rows read before it (every row any report of the batch
     * could find as a candidate, and the agency's known identities) and what the batch changes, kept in
     * memory until {@link #write()}. The candidate rule is the one the single query applied: born on one
     * of the report's six dates with the same phonetic code or initial, or linked to the person holding
     * the report's NHS number.
     */
    private final class Resolving {

        private final AgencyId agency;
        private final Instant now;
        private final Map<IdentityId, Row> rows = new HashMap<>();
        private final Map<LocalDate, List<Row>> rowsByBirth = new HashMap<>();
        private final Map<PersonId, List<Row>> rowsByPerson = new HashMap<>();
        private final Map<String, Row> known = new HashMap<>();
        /** The NHS number each person read or made holds now (absent: none). */
        private final Map<PersonId, String> personNhs = new HashMap<>();
        /** The same, by NHS number. */
        private final Map<String, PersonId> holders = new HashMap<>();
        /** NHS numbers some person holds now (of those the batch mentions). */
        private final java.util.Set<String> takenNhs = new java.util.HashSet<>();
        /** Persons whose every identity was read (so that an NHS number they take finds them all). */
        private final java.util.Set<PersonId> wholePersons = new java.util.HashSet<>();

        private final List<PersonId> newPersons = new ArrayList<>();
        private final java.util.Set<PersonId> madeHere = new java.util.HashSet<>();
        private final Map<PersonId, String> claims = new java.util.LinkedHashMap<>();
        private final Map<IdentityId, Resolution.LinkKind> newRows = new java.util.LinkedHashMap<>();
        private final java.util.Set<IdentityId> updatedRows = new java.util.LinkedHashSet<>();
        /** Updated rows that moved to a person of their own (their new person is the row's). */
        private final java.util.Set<IdentityId> moved = new java.util.HashSet<>();
        /** Persons that give up the NHS number an identity had brought them (moved out, or corrected). */
        private final List<PersonId> givenUp = new ArrayList<>();
        /** Pairs an update contradicted: queued for review whatever was decided of them before. */
        private final List<UUID[]> requeued = new ArrayList<>();

        private final List<UUID[]> reviews = new ArrayList<>();

        Resolving(AgencyId agency, Instant now) {
            this.agency = agency;
            this.now = now;
        }

        /** Reads the known identities and every candidate row of every report, in one query. */
        void read(List<Report> reports) {
            var phoneticKeys = new java.util.LinkedHashSet<Map.Entry<LocalDate, String>>();
            var initialKeys = new java.util.LinkedHashSet<Map.Entry<LocalDate, String>>();
            var nhsNumbers = new java.util.TreeSet<String>();
            var localIds = new java.util.LinkedHashSet<String>();
            for (Report report : reports) {
                localIds.add(report.localId());
                Normalised incoming = Normalised.of(report.demographics());
                for (LocalDate date : dates(incoming)) {
                    for (String phonetic : phonetics(incoming)) {
                        phoneticKeys.add(Map.entry(date, phonetic));
                    }
                    for (String initial : initials(incoming)) {
                        initialKeys.add(Map.entry(date, initial));
                    }
                }
                if (incoming.nhsNumber() != null) {
                    nhsNumbers.add(incoming.nhsNumber());
                }
            }
            String from = " JOIN ingest.person p ON p.id = i.person_id";
            // one index lookup per (date, code) pair — a lateral subquery the planner cannot flatten (OFFSET 0),
            // or it hashes the whole table — joined by UNION: an OR across the two tables made every resolve
            // scan them all; the driver binds no LocalDate[]: ISO date strings, cast by the server
            jdbc.sql("SELECT " + IDENTITY_COLUMNS + ", i.local_id"
                            + " FROM unnest(CAST(? AS date[]), CAST(? AS text[])) AS q(d, k) CROSS JOIN LATERAL"
                            + " (SELECT * FROM ingest.person_identity x"
                            + " WHERE x.date_of_birth = q.d AND x.family_phonetic = q.k OFFSET 0) AS i"
                            + from
                            + " UNION SELECT " + IDENTITY_COLUMNS + ", i.local_id"
                            + " FROM unnest(CAST(? AS date[]), CAST(? AS text[])) AS q(d, k) CROSS JOIN LATERAL"
                            + " (SELECT * FROM ingest.person_identity x"
                            + " WHERE x.date_of_birth = q.d AND upper(left(x.family_name, 1)) = q.k OFFSET 0) AS i"
                            + from
                            // the agency's known identities, and every other identity of their persons: an
                            // update that contradicts one of them moves the identity out (see resolve)
                            + " UNION SELECT " + IDENTITY_COLUMNS + ", i.local_id FROM ingest.person_identity i" + from
                            + " WHERE i.person_id IN (SELECT k.person_id FROM ingest.person_identity k"
                            + " WHERE k.agency_id = ? AND k.local_id = ANY(CAST(? AS text[])))"
                            + " UNION SELECT " + IDENTITY_COLUMNS + ", i.local_id FROM ingest.person_identity i" + from
                            + " WHERE p.nhs_number = ANY(CAST(? AS char(10)[]))")
                    .params(
                            phoneticKeys.stream()
                                    .map(k -> k.getKey().toString())
                                    .toArray(String[]::new),
                            phoneticKeys.stream().map(Map.Entry::getValue).toArray(String[]::new),
                            initialKeys.stream().map(k -> k.getKey().toString()).toArray(String[]::new),
                            initialKeys.stream().map(Map.Entry::getValue).toArray(String[]::new),
                            agency.value(),
                            localIds.toArray(String[]::new),
                            nhsNumbers.toArray(String[]::new))
                    .query(rs -> {
                        Row row = new Row(
                                new IdentityId(rs.getObject("id", UUID.class)),
                                new PersonId(rs.getObject("person_id", UUID.class)),
                                rs.getString("local_id"),
                                columns(rs));
                        String nhs = rs.getString("person_nhs");
                        if (nhs != null) {
                            hold(row.person, nhs);
                        }
                        add(row);
                        if (agency.value().equals(rs.getString("agency_id")) && localIds.contains(row.localId)) {
                            known.put(row.localId, rows.get(row.id));
                        }
                    });
            if (!nhsNumbers.isEmpty()) {
                // a person may hold an NHS number and no identity (all moved to another person)
                takenNhs.addAll(
                        jdbc.sql("SELECT nhs_number FROM ingest.person WHERE nhs_number = ANY(CAST(? AS char(10)[]))")
                                .param(nhsNumbers.toArray(String[]::new))
                                .query(String.class)
                                .list());
            }
        }

        Resolution resolve(Report report) {
            Demographics demographics = report.demographics();
            Row knownRow = known.get(report.localId());
            if (knownRow != null) {
                IdentityColumns before = knownRow.columns;
                IdentityColumns after = IdentityColumns.of(demographics);
                rowsByBirth.get(before.dateOfBirth()).remove(knownRow);
                knownRow.columns = after;
                rowsByBirth
                        .computeIfAbsent(after.dateOfBirth(), d -> new ArrayList<>())
                        .add(knownRow);
                if (!newRows.containsKey(knownRow.id)) {
                    updatedRows.add(knownRow.id);
                }
                if (contradicted(knownRow)) {
                    return moveOut(knownRow);
                }
                renumber(knownRow);
                return new Resolution(knownRow.id, knownRow.person, Resolution.LinkKind.KNOWN_IDENTITY, List.of());
            }
            Normalised incoming = Normalised.of(demographics);
            List<Candidate> candidates = candidates(incoming);
            PersonMatcher.Outcome outcome = PersonMatcher.match(incoming, candidates);
            PersonId person;
            Resolution.LinkKind link;
            if (outcome.same() != null) {
                person = outcome.same();
                link = demographics.nhsNumber() != null
                                && candidates.stream()
                                        .anyMatch(c -> c.person().equals(outcome.same())
                                                && demographics
                                                        .nhsNumber()
                                                        .value()
                                                        .equals(c.demographics().nhsNumber()))
                        ? Resolution.LinkKind.NHS_NUMBER
                        : Resolution.LinkKind.DEMOGRAPHIC;
                claim(person, incoming.nhsNumber());
            } else {
                person = personMadeHere(incoming.nhsNumber());
                link = Resolution.LinkKind.NEW_PERSON;
            }
            Row row = new Row(
                    new IdentityId(UUID.randomUUID()), person, report.localId(), IdentityColumns.of(demographics));
            add(row);
            known.put(row.localId, row);
            newRows.put(row.id, link);
            List<PersonId> possible = new ArrayList<>();
            for (Candidate candidate : outcome.possible()) {
                reviews.add(new UUID[] {
                    row.id.value(),
                    candidate.person().value(),
                    candidate.identity().value()
                });
                possible.add(candidate.person());
            }
            return new Resolution(row.id, person, link, possible);
        }

        /** A person made by this batch, holding {@code nhs} unless another person holds it. */
        private PersonId personMadeHere(@Nullable String nhs) {
            PersonId person = new PersonId(UUID.randomUUID());
            newPersons.add(person);
            madeHere.add(person);
            wholePersons.add(person);
            if (nhs != null && !takenNhs.contains(nhs)) {
                hold(person, nhs);
            }
            return person;
        }

        /**
         * Whether what the agency now says of a known identity — its NHS number, its sex — contradicts
         * another identity of the person it is linked to: the rules that keep two persons apart, as
         * for a link. (Every identity of the person was read with it.)
         */
        private boolean contradicted(Row row) {
            IdentityColumns now = row.columns;
            for (Row other : rowsByPerson.getOrDefault(row.person, List.of())) {
                if (other == row) {
                    continue;
                }
                if (now.nhsNumber() != null
                        && other.columns.nhsNumber() != null
                        && !now.nhsNumber().equals(other.columns.nhsNumber())) {
                    return true;
                }
                if (now.sex() != Sex.UNKNOWN
                        && other.columns.sex() != Sex.UNKNOWN
                        && now.sex() != other.columns.sex()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * An agency correcting (or removing) the NHS number of an identity that contradicts no other:
         * the person gives up a number none of its identities holds any more, and takes the corrected
         * one unless another person holds it — else later reports would be linked by a number no
         * identity of the person carries, and not by the one they do.
         */
        private void renumber(Row row) {
            String corrected = row.columns.nhsNumber();
            String held = personNhs.get(row.person);
            if (held != null && !held.equals(corrected) && !carriedByAnother(row.person, row, held)) {
                giveUp(row.person, held);
            }
            claim(row.person, corrected);
        }

        private boolean carriedByAnother(PersonId person, Row row, String nhs) {
            return rowsByPerson.getOrDefault(person, List.of()).stream()
                    .anyMatch(other -> other != row && nhs.equals(other.columns.nhsNumber()));
        }

        private void giveUp(PersonId person, String held) {
            givenUp.add(person);
            personNhs.remove(person);
            holders.remove(held);
            takenNhs.remove(held);
            claims.remove(person);
        }

        /**
         * A known identity whose update contradicts its person leaves it for a person of its own (a
         * wrong link is worse than a missed one), taking its NHS number with it, and the pair goes to
         * the review queue: a practitioner decides whether they are one child after all.
         */
        private Resolution moveOut(Row row) {
            PersonId left = row.person;
            String held = personNhs.get(left);
            if (held != null && !carriedByAnother(left, row, held)) {
                giveUp(left, held);
            }
            PersonId alone = personMadeHere(row.columns.nhsNumber());
            rowsByPerson.get(left).remove(row);
            row.person = alone;
            rowsByPerson.computeIfAbsent(alone, p -> new ArrayList<>()).add(row);
            if (newRows.containsKey(row.id)) {
                newRows.put(row.id, Resolution.LinkKind.UNLINKED_ON_CONTRADICTION); // written once, as it ends
            } else {
                moved.add(row.id);
            }
            // queued again even if a practitioner had decided this pair before: what they decided has changed
            requeued.add(new UUID[] {row.id.value(), left.value()});
            return new Resolution(row.id, alone, Resolution.LinkKind.UNLINKED_ON_CONTRADICTION, List.of(left));
        }

        /** The person takes the NHS number, if no person holds it and it holds none. */
        private void claim(PersonId person, @Nullable String nhs) {
            if (nhs == null || takenNhs.contains(nhs) || personNhs.containsKey(person)) {
                return;
            }
            if (wholePersons.add(person)) {
                // from now on every identity of this person is a candidate for a report with this number
                jdbc.sql("SELECT " + IDENTITY_COLUMNS + ", i.local_id FROM ingest.person_identity i"
                                + " JOIN ingest.person p ON p.id = i.person_id WHERE i.person_id = ?")
                        .param(person.value())
                        .query(rs -> {
                            var id = new IdentityId(rs.getObject("id", UUID.class));
                            if (!rows.containsKey(id)) {
                                add(new Row(id, person, rs.getString("local_id"), columns(rs)));
                            }
                        });
            }
            hold(person, nhs);
            if (!madeHere.contains(person)) {
                claims.put(person, nhs); // a person made by this batch is written with it
            }
        }

        private void hold(PersonId person, String nhs) {
            personNhs.put(person, nhs);
            holders.put(nhs, person);
            takenNhs.add(nhs);
        }

        private void add(Row row) {
            if (rows.putIfAbsent(row.id, row) == null) {
                rowsByBirth
                        .computeIfAbsent(row.columns.dateOfBirth(), d -> new ArrayList<>())
                        .add(row);
                rowsByPerson.computeIfAbsent(row.person, p -> new ArrayList<>()).add(row);
            }
        }

        /** The rows the candidate query would find now, batch changes included. */
        private List<Candidate> candidates(Normalised incoming) {
            var found = new java.util.LinkedHashMap<IdentityId, Row>();
            var phonetics = phonetics(incoming);
            var initials = initials(incoming);
            for (LocalDate date : dates(incoming)) {
                for (Row row : rowsByBirth.getOrDefault(date, List.of())) {
                    if (phonetics.contains(row.columns.familyPhonetic()) || initials.contains(row.columns.initial())) {
                        found.put(row.id, row);
                    }
                }
            }
            PersonId holder = incoming.nhsNumber() == null ? null : holders.get(incoming.nhsNumber());
            if (holder != null) {
                for (Row row : rowsByPerson.getOrDefault(holder, List.of())) {
                    found.put(row.id, row);
                }
            }
            List<Candidate> candidates = new ArrayList<>(found.size());
            for (Row row : found.values()) {
                candidates.add(new Candidate(row.id, row.person, row.columns.normalised(personNhs.get(row.person))));
            }
            return candidates;
        }

        /**
         * Writes what the batch changed in one statement, one data-modifying part per table (the foreign
         * keys are checked at its end, so identities may name persons made in the same statement).
         */
        void write() {
            if (!givenUp.isEmpty()) {
                // on its own, first: the person that moved out may take the number in the statement below
                jdbc.sql("UPDATE ingest.person SET nhs_number = NULL WHERE id = ANY(?)")
                        .param(givenUp.stream().map(PersonId::value).toArray(UUID[]::new))
                        .update();
            }
            List<String> parts = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            Timestamp at = Timestamp.from(now);
            if (!newPersons.isEmpty()) {
                parts.add("""
                        persons AS (INSERT INTO ingest.person (id, nhs_number, created_at)
                          SELECT id, nhs, CAST(? AS timestamptz) FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS n(id, nhs))""");
                params.add(at);
                params.add(newPersons.stream().map(PersonId::value).toArray(UUID[]::new));
                params.add(newPersons.stream().map(personNhs::get).toArray(String[]::new));
            }
            if (!claims.isEmpty()) {
                parts.add("""
                        claims AS (UPDATE ingest.person p SET nhs_number = c.nhs
                          FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS c(id, nhs)
                         WHERE p.id = c.id AND p.nhs_number IS NULL)""");
                params.add(claims.keySet().stream().map(PersonId::value).toArray(UUID[]::new));
                params.add(claims.values().toArray(String[]::new));
            }
            if (!newRows.isEmpty()) {
                List<Row> inserted = newRows.keySet().stream().map(rows::get).toList();
                parts.add("""
                        identities AS (INSERT INTO ingest.person_identity (id, agency_id, local_id, person_id, given_name,
                            family_name, family_phonetic, date_of_birth, sex, postcode, nhs_number, linked_by, linked_at)
                          SELECT id, CAST(? AS text), local_id, person_id, given, family, phonetic, dob, sex, postcode, nhs,
                                 linked_by, CAST(? AS timestamptz)
                            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS text[]),
                                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS text[]),
                                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                              AS r(id, local_id, person_id, given, family, phonetic, dob, sex, postcode, nhs, linked_by))""");
                params.add(agency.value());
                params.add(at);
                params.add(inserted.stream().map(r -> r.id.value()).toArray(UUID[]::new));
                params.add(inserted.stream().map(r -> r.localId).toArray(String[]::new));
                params.add(inserted.stream().map(r -> r.person.value()).toArray(UUID[]::new));
                addColumns(params, inserted);
                params.add(inserted.stream().map(r -> newRows.get(r.id).name()).toArray(String[]::new));
            }
            if (!updatedRows.isEmpty()) {
                List<Row> updated = updatedRows.stream().map(rows::get).toList();
                parts.add("""
                        updated AS (UPDATE ingest.person_identity i SET given_name = u.given, family_name = u.family,
                               family_phonetic = u.phonetic, date_of_birth = u.dob, sex = u.sex, postcode = u.postcode,
                               nhs_number = u.nhs, person_id = COALESCE(u.moved_to, i.person_id),
                               linked_by = CASE WHEN u.moved_to IS NULL THEN i.linked_by ELSE 'UNLINKED_ON_CONTRADICTION' END,
                               linked_at = CASE WHEN u.moved_to IS NULL THEN i.linked_at ELSE CAST(? AS timestamptz) END
                          FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                      CAST(? AS date[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                      CAST(? AS uuid[]))
                            AS u(id, given, family, phonetic, dob, sex, postcode, nhs, moved_to)
                         WHERE i.id = u.id)""");
                params.add(at);
                params.add(updated.stream().map(r -> r.id.value()).toArray(UUID[]::new));
                addColumns(params, updated);
                params.add(updated.stream()
                        .map(r -> moved.contains(r.id) ? r.person.value() : null)
                        .toArray(UUID[]::new));
            }
            if (!reviews.isEmpty()) {
                parts.add("""
                        reviews AS (INSERT INTO ingest.match_review (id, identity_id, candidate_person_id,
                            candidate_identity_id, status, created_at)
                          SELECT gen_random_uuid(), identity_id, candidate, compared, 'PENDING', CAST(? AS timestamptz)
                            FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS uuid[]))
                              AS m(identity_id, candidate, compared)
                          ON CONFLICT DO NOTHING)""");
                params.add(at);
                params.add(reviews.stream().map(r -> r[0]).toArray(UUID[]::new));
                params.add(reviews.stream().map(r -> r[1]).toArray(UUID[]::new));
                params.add(reviews.stream().map(r -> r[2]).toArray(UUID[]::new));
            }
            if (!requeued.isEmpty()) {
                parts.add("""
                        requeued AS (INSERT INTO ingest.match_review (id, identity_id, candidate_person_id, status, created_at)
                          SELECT gen_random_uuid(), identity_id, candidate, 'PENDING', CAST(? AS timestamptz)
                            FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[])) AS m(identity_id, candidate)
                          ON CONFLICT (identity_id, candidate_person_id) DO UPDATE SET status = 'PENDING',
                            candidate_identity_id = NULL, decided_by_agency = NULL, decided_by = NULL,
                            decided_at = NULL, created_at = EXCLUDED.created_at)""");
                params.add(at);
                params.add(requeued.stream().map(r -> r[0]).toArray(UUID[]::new));
                params.add(requeued.stream().map(r -> r[1]).toArray(UUID[]::new));
            }
            if (!parts.isEmpty()) {
                jdbc.sql("WITH " + String.join(",\n", parts) + "\nSELECT 1")
                        .params(params)
                        .query()
                        .singleRow();
            }
        }
    }

    /** The demographic columns of these rows, one array per column, in the order the statements name them. */
    private static void addColumns(List<Object> params, List<Row> rows) {
        params.add(rows.stream().map(r -> r.columns.givenName()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.familyName()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.familyPhonetic()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.dateOfBirth().toString()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.sex().name()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.postcode()).toArray(String[]::new));
        params.add(rows.stream().map(r -> r.columns.nhsNumber()).toArray(String[]::new));
    }

    private static IdentityColumns columns(ResultSet rs) throws SQLException {
        return new IdentityColumns(
                rs.getString("given_name"),
                rs.getString("family_name"),
                rs.getString("family_phonetic"),
                rs.getObject("date_of_birth", LocalDate.class),
                Sex.valueOf(rs.getString("sex")),
                rs.getString("postcode"),
                rs.getString("nhs_number"));
    }

    /** The birth dates a candidate may have: the same day, a day or a year away, or day and month swapped. */
    private static List<LocalDate> dates(Normalised incoming) {
        LocalDate dob = incoming.dateOfBirth();
        List<LocalDate> dates =
                new ArrayList<>(List.of(dob, dob.minusDays(1), dob.plusDays(1), dob.minusYears(1), dob.plusYears(1)));
        if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
            dates.add(LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()));
        }
        return dates;
    }

    // Only a close family name (or, for swapped names, a given name close to it) can make a possible
    // match, and close names share their phonetic code or their initial: the database drops the rest
    // of the birth-date block (about 900 identities a day in a population of a million children).
    private static java.util.Set<String> phonetics(Normalised incoming) {
        var phonetics = new java.util.TreeSet<String>(List.of(incoming.familyPhonetic()));
        if (incoming.given() != null && !incoming.given().isEmpty()) {
            phonetics.add(Names.phonetic(incoming.given()));
        }
        return phonetics;
    }

    private static java.util.Set<String> initials(Normalised incoming) {
        var initials = new java.util.TreeSet<String>(
                List.of(incoming.family().isEmpty() ? "" : incoming.family().substring(0, 1)));
        if (incoming.given() != null && !incoming.given().isEmpty()) {
            initials.add(incoming.given().substring(0, 1));
        }
        return initials;
    }

    /**
     * Takes, for the rest of the transaction, the locks resolving these persons needs — one per date
     * of birth and phonetic codes of the names, and one per NHS number — all at once and in one global
     * order (by lock id), so that two transactions resolving several persons (a batch of records, a
     * referral with related persons) cannot deadlock. Any two identities that can link automatically
     * share a lock: the NHS number, or the date of birth and the codes of exactly equal (or exactly
     * swapped) names; reports that only sound different no longer wait for each other, so batches of
     * different children run side by side (see ADR 0012).
     */
    void lockFor(Collection<Demographics> persons, AgencyId agency, Collection<String> knownLocalIds) {
        var keys = new java.util.TreeSet<String>();
        for (Demographics person : persons) {
            // the codes of both names, in order: exact and exactly swapped names give one key
            keys.add("dob:" + person.dateOfBirth() + ":" + String.join("/", phonetics(Normalised.of(person))));
            if (person.nhsNumber() != null) {
                keys.add("nhs:" + person.nhsNumber().value());
            }
        }
        // and the numbers the agency's known identities, and their persons, hold now: an update may
        // give one up (a correction, a move-out) while a report carrying it links to that person
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(lock_id))
                          FROM (SELECT DISTINCT hashtext(key) AS lock_id
                                  FROM (SELECT unnest(CAST(? AS text[])) AS key
                                        UNION
                                        SELECT 'nhs:' || held.nhs FROM ingest.person_identity i
                                          JOIN ingest.person p ON p.id = i.person_id
                                          CROSS JOIN LATERAL (VALUES (i.nhs_number), (p.nhs_number)) AS held(nhs)
                                         WHERE i.agency_id = ? AND i.local_id = ANY(CAST(? AS text[])) AND held.nhs IS NOT NULL
                                       ) AS keys
                                ORDER BY lock_id) AS ordered""")
                .params(keys.toArray(String[]::new), agency.value(), knownLocalIds.toArray(String[]::new))
                .query()
                .singleRow();
    }

    /** The person an identity is linked to now. */
    @Transactional(readOnly = true)
    public PersonId personOf(IdentityId identity) {
        return jdbc.sql("SELECT person_id FROM ingest.person_identity WHERE id = ?")
                .param(identity.value())
                .query((rs, n) -> new PersonId(rs.getObject("person_id", UUID.class)))
                .optional()
                .orElseThrow(() -> new NotFound("identity"));
    }

    /** The persons of many identities, in one query. */
    @Transactional(readOnly = true)
    public Map<IdentityId, PersonId> personsOf(Collection<IdentityId> identities) {
        Map<IdentityId, PersonId> persons = new HashMap<>();
        if (identities.isEmpty()) {
            return persons;
        }
        jdbc.sql("SELECT id, person_id FROM ingest.person_identity WHERE id = ANY(?)")
                .param(identities.stream().map(IdentityId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    persons.put(
                            new IdentityId(rs.getObject("id", UUID.class)),
                            new PersonId(rs.getObject("person_id", UUID.class)));
                });
        return persons;
    }

    /**
     * What the reporting agencies said about each identity (as reported, not merged): for the
     * MASH's own pages, which show who a referral is about. One query.
     */
    @Transactional(readOnly = true)
    public Map<IdentityId, Demographics> demographicsOf(Collection<IdentityId> identities) {
        Map<IdentityId, Demographics> reported = new HashMap<>();
        if (identities.isEmpty()) {
            return reported;
        }
        jdbc.sql("""
                        SELECT id, given_name, family_name, date_of_birth, sex, postcode, nhs_number
                          FROM ingest.person_identity WHERE id = ANY(?)""")
                .param(identities.stream().map(IdentityId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    reported.put(new IdentityId(rs.getObject("id", UUID.class)), demographics(rs, ""));
                });
        return reported;
    }

    /** Possible matches waiting for a practitioner, oldest first. */
    @Transactional(readOnly = true)
    public List<MatchReview> reviewQueue(int limit) {
        return jdbc.sql("""
                        SELECT r.id AS review_id, r.created_at, r.candidate_person_id, i.id AS identity_id, i.agency_id,
                               i.person_id, i.given_name, i.family_name, i.date_of_birth, i.sex, i.postcode, i.nhs_number,
                               c.given_name AS c_given, c.family_name AS c_family, c.date_of_birth AS c_dob, c.sex AS c_sex,
                               c.postcode AS c_postcode, COALESCE(cp.nhs_number, c.nhs_number) AS c_nhs
                          FROM ingest.match_review r
                          JOIN ingest.person_identity i ON i.id = r.identity_id
                          JOIN ingest.person cp ON cp.id = r.candidate_person_id
                          -- the identity the incoming one was compared with, while it is still the candidate's;
                          -- else (queued before the hub kept it, or it has moved) the candidate's oldest
                          JOIN LATERAL (SELECT * FROM ingest.person_identity x WHERE x.person_id = r.candidate_person_id
                                        ORDER BY x.id IS NOT DISTINCT FROM r.candidate_identity_id DESC, x.linked_at
                                        LIMIT 1) c ON true
                         WHERE r.status = 'PENDING'
                         ORDER BY r.created_at, r.id
                         LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new MatchReview(
                        rs.getObject("review_id", UUID.class),
                        new IdentityId(rs.getObject("identity_id", UUID.class)),
                        new AgencyId(rs.getString("agency_id")),
                        new PersonId(rs.getObject("person_id", UUID.class)),
                        new PersonId(rs.getObject("candidate_person_id", UUID.class)),
                        demographics(rs, ""),
                        demographics(rs, "c_"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** The practitioner says the identity is the candidate person: it is linked to them. */
    public Resolution confirm(UUID review, Actor by) {
        var pending = pending(review);
        PersonId left = personOf(pending.identity());
        @Nullable String nhs = lockNumberOf(pending.identity());
        lock(left, pending.candidate());
        requireNoContradiction(pending);
        Instant now = clock.instant();
        jdbc.sql(
                        "UPDATE ingest.person_identity SET person_id = ?, linked_by = 'CONFIRMED_BY_PRACTITIONER', linked_at = ? WHERE id = ?")
                .params(
                        pending.candidate().value(),
                        Timestamp.from(now),
                        pending.identity().value())
                .update();
        carryNumber(nhs, left, pending.candidate());
        decide(review, "CONFIRMED", by, now);
        jdbc.sql("UPDATE ingest.match_review SET status = 'WITHDRAWN' WHERE identity_id = ? AND status = 'PENDING'")
                .param(pending.identity().value())
                .update();
        withdrawReviewsOfAnEmptyPerson(left);
        events.publishEvent(new PersonLinkEvent(
                "PersonLinked",
                pending.identity(),
                pending.candidate(),
                Resolution.LinkKind.CONFIRMED_BY_PRACTITIONER,
                List.of(),
                left, // the identity, and its records, left this person
                by,
                now));
        return new Resolution(
                pending.identity(), pending.candidate(), Resolution.LinkKind.CONFIRMED_BY_PRACTITIONER, List.of());
    }

    /**
     * The rules that keep two persons apart on their own — different NHS numbers, different known
     * sexes — checked again when a practitioner confirms: the candidate may have gained an NHS number
     * or another identity since the review was queued.
     */
    private void requireNoContradiction(Pending pending) {
        boolean empty = !jdbc.sql("SELECT EXISTS (SELECT 1 FROM ingest.person_identity WHERE person_id = ?)")
                .param(pending.candidate().value())
                .query(Boolean.class)
                .single();
        if (empty) {
            throw new HubProblem(
                    REVIEW_DECIDED, "The candidate person has no identity left: there is no one to link to.");
        }
        boolean contradicted = jdbc.sql("""
                        SELECT EXISTS (
                          SELECT 1 FROM ingest.person p
                            LEFT JOIN ingest.person_identity c ON c.person_id = p.id
                            CROSS JOIN ingest.person_identity i
                           WHERE p.id = ? AND i.id = ?
                             AND ((i.nhs_number IS NOT NULL AND COALESCE(p.nhs_number, c.nhs_number) IS NOT NULL
                                   AND i.nhs_number <> COALESCE(p.nhs_number, c.nhs_number))
                               OR (i.sex <> 'UNKNOWN' AND c.sex <> 'UNKNOWN' AND i.sex <> c.sex)))""")
                .params(pending.candidate().value(), pending.identity().value())
                .query(Boolean.class)
                .single();
        if (contradicted) {
            throw new HubProblem(
                    MATCH_CONTRADICTED,
                    "The identity and the person hold different NHS numbers or different sexes: reject the match,"
                            + " or correct the record that is wrong first.");
        }
    }

    /**
     * Takes the lock a report carrying the identity's NHS number takes ({@link #lockFor}), before the
     * persons' row locks: a report that read which person holds the number before the identity (and
     * the number) moved would otherwise link to the person it left. Answers the number, if any.
     */
    private @Nullable String lockNumberOf(IdentityId identity) {
        return jdbc.sql("""
                        SELECT nhs_number, pg_advisory_xact_lock(hashtext('nhs:' || nhs_number)) FROM ingest.person_identity
                         WHERE id = ? AND nhs_number IS NOT NULL""")
                .param(identity.value())
                .query((rs, n) -> rs.getString("nhs_number"))
                .optional()
                .orElse(null);
    }

    /**
     * Locks the persons a confirmation or an unlink touches, in one order: a report claiming a number
     * for one or adding an identity to it waits, or is seen; two moves that empty one person take
     * turns, so the second sees it empty.
     */
    private void lock(PersonId... touched) {
        jdbc.sql("SELECT id FROM ingest.person WHERE id = ANY(?) ORDER BY id FOR UPDATE")
                .param(java.util.Arrays.stream(touched).map(PersonId::value).toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /**
     * A person whose last identity moved away is no one to compare with: the possible matches that
     * name it as the candidate are withdrawn (they would otherwise wait unseen, and a confirmation by
     * id would link to a person the practitioner never saw).
     */
    private void withdrawReviewsOfAnEmptyPerson(PersonId person) {
        jdbc.sql("""
                        UPDATE ingest.match_review SET status = 'WITHDRAWN'
                         WHERE candidate_person_id = ? AND status = 'PENDING'
                           AND NOT EXISTS (SELECT 1 FROM ingest.person_identity WHERE person_id = ?)""").params(person.value(), person.value()).update();
    }

    /** The practitioner says they are different persons: the pair is never suggested again. */
    public void reject(UUID review, Actor by) {
        var pending = pending(review);
        Instant now = clock.instant();
        decide(review, "REJECTED", by, now);
        events.publishEvent(new MatchRejected(review, pending.identity(), pending.candidate(), by, now));
    }

    /** Undoes a link: the identity stands alone as a new person. */
    public Resolution unlink(IdentityId identity, Actor by) {
        PersonId previous = personOf(identity);
        @Nullable String nhs = lockNumberOf(identity);
        lock(previous);
        Instant now = clock.instant();
        PersonId alone = newPerson(now);
        jdbc.sql(
                        "UPDATE ingest.person_identity SET person_id = ?, linked_by = 'UNLINKED_BY_PRACTITIONER', linked_at = ? WHERE id = ?")
                .params(alone.value(), Timestamp.from(now), identity.value())
                .update();
        carryNumber(nhs, previous, alone);
        withdrawReviewsOfAnEmptyPerson(previous);
        events.publishEvent(new PersonLinkEvent(
                "PersonUnlinked",
                identity,
                alone,
                Resolution.LinkKind.UNLINKED_BY_PRACTITIONER,
                List.of(),
                previous,
                by,
                now));
        return new Resolution(identity, alone, Resolution.LinkKind.UNLINKED_BY_PRACTITIONER, List.of());
    }

    /**
     * An identity that moved takes its NHS number ({@code nhs}, read when it was locked) with it: the person it left gives the number up
     * when none of its identities still holds it, and the person it joined takes it if it has none.
     * Reports carrying a number are linked to the person that holds it — left behind, a wrongly
     * linked child's number would link every later report of that child to the other child again.
     * The caller holds both persons' locks.
     */
    private void carryNumber(@Nullable String nhs, PersonId from, PersonId to) {
        if (nhs == null) {
            return;
        }
        int givenUp = jdbc.sql("""
                        UPDATE ingest.person p SET nhs_number = NULL
                         WHERE p.id = ? AND p.nhs_number = ?
                           AND NOT EXISTS (SELECT 1 FROM ingest.person_identity i
                                            WHERE i.person_id = p.id AND i.nhs_number = p.nhs_number)""").params(from.value(), nhs).update();
        if (givenUp > 0) {
            jdbc.sql("UPDATE ingest.person SET nhs_number = ? WHERE id = ? AND nhs_number IS NULL")
                    .params(nhs, to.value())
                    .update();
        }
    }

    /** Every identity linked to the person. */
    @Transactional(readOnly = true)
    public List<IdentityId> identitiesOf(PersonId person) {
        return jdbc.sql("SELECT id FROM ingest.person_identity WHERE person_id = ? ORDER BY linked_at")
                .param(person.value())
                .query((rs, n) -> new IdentityId(rs.getObject("id", UUID.class)))
                .list();
    }

    private record Pending(IdentityId identity, PersonId candidate) {}

    private Pending pending(UUID review) {
        var found = jdbc.sql(
                        "SELECT identity_id, candidate_person_id, status FROM ingest.match_review WHERE id = ? FOR UPDATE")
                .param(review)
                .query((rs, n) -> new Object[] {
                    new Pending(
                            new IdentityId(rs.getObject("identity_id", UUID.class)),
                            new PersonId(rs.getObject("candidate_person_id", UUID.class))),
                    rs.getString("status")
                })
                .optional()
                .orElseThrow(() -> new NotFound("possible match"));
        if (!"PENDING".equals(found[1])) {
            throw new HubProblem(REVIEW_DECIDED, "It was " + found[1] + " already.");
        }
        return (Pending) found[0];
    }

    private void decide(UUID review, String status, Actor by, Instant now) {
        jdbc.sql(
                        "UPDATE ingest.match_review SET status = ?, decided_by_agency = ?, decided_by = ?, decided_at = ? WHERE id = ?")
                .params(status, by.agency().value(), by.subject(), Timestamp.from(now), review)
                .update();
    }

    private PersonId newPerson(Instant now) {
        PersonId person = new PersonId(UUID.randomUUID());
        jdbc.sql("INSERT INTO ingest.person (id, created_at) VALUES (?, ?)")
                .params(person.value(), Timestamp.from(now))
                .update();
        return person;
    }

    private static Demographics demographics(ResultSet rs, String prefix) throws SQLException {
        String nhs = rs.getString(prefix.isEmpty() ? "nhs_number" : prefix + "nhs");
        return new Demographics(
                rs.getString(prefix.isEmpty() ? "given_name" : prefix + "given"),
                rs.getString(prefix.isEmpty() ? "family_name" : prefix + "family"),
                rs.getObject(prefix.isEmpty() ? "date_of_birth" : prefix + "dob", LocalDate.class),
                Sex.valueOf(rs.getString(prefix + "sex")),
                rs.getString(prefix + "postcode"),
                nhs == null ? null : new NhsNumber(nhs));
    }
}
