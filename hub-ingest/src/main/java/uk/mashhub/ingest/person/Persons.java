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
import java.util.Optional;
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
 * a transaction-scoped lock per date of birth (and per NHS number, when one is given), so two
 * agencies reporting the same child at the same moment cannot create two persons nor both claim
 * one NHS number; every link and unlink is audited.
 */
@Component
@Transactional
public class Persons {

    public static final ProblemType REVIEW_DECIDED =
            new ProblemType("match-review-decided", "This possible match has already been decided", 409);

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

    /** Links the agency's identity to a person: the one it already was, a matching one, or a new one. */
    public Resolution resolve(AgencyId agency, String localId, Demographics demographics, Actor by) {
        Instant now = clock.instant();
        demographics.bornBy(LocalTime.today(now));
        if (localId == null || localId.isBlank() || localId.length() > 100) {
            throw new uk.mashhub.kernel.InvalidValue("local id", "must be 1 to 100 characters");
        }
        lockFor(List.of(demographics));
        Optional<IdentityId> known = jdbc.sql(
                        "SELECT id FROM ingest.person_identity WHERE agency_id = ? AND local_id = ?")
                .params(agency.value(), localId)
                .query((rs, n) -> new IdentityId(rs.getObject("id", UUID.class)))
                .optional();
        if (known.isPresent()) {
            PersonId person = personOf(known.get());
            updateDemographics(known.get(), demographics);
            return new Resolution(known.get(), person, Resolution.LinkKind.KNOWN_IDENTITY, List.of());
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
            claimNhsNumber(person, demographics.nhsNumber());
        } else {
            person = newPerson(demographics.nhsNumber(), now);
            link = Resolution.LinkKind.NEW_PERSON;
        }
        IdentityId identity = new IdentityId(UUID.randomUUID());
        insertIdentity(identity, agency, localId, person, demographics, link, now);
        List<PersonId> possible = new ArrayList<>();
        for (Candidate candidate : outcome.possible()) {
            jdbc.sql("""
                            INSERT INTO ingest.match_review (id, identity_id, candidate_person_id, status, created_at)
                            VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING""")
                    .params(
                            UUID.randomUUID(),
                            identity.value(),
                            candidate.person().value(),
                            Timestamp.from(now))
                    .update();
            possible.add(candidate.person());
        }
        var resolution = new Resolution(identity, person, link, possible);
        events.publishEvent(new PersonLinkEvent("PersonLinked", identity, person, link, possible, by, now));
        return resolution;
    }

    /**
     * Takes, for the rest of the transaction, the locks resolving these persons needs — one per date
     * of birth and one per NHS number — all at once and in one global order (by lock id), so that two
     * transactions resolving several persons (a batch of records, a referral with related persons)
     * cannot deadlock. Call it before resolving more than one person in a transaction; {@link
     * #resolve} takes the same locks again, which costs nothing once held.
     */
    public void lockFor(Collection<Demographics> persons) {
        var keys = new java.util.TreeSet<String>();
        for (Demographics person : persons) {
            keys.add("dob:" + person.dateOfBirth());
            if (person.nhsNumber() != null) {
                keys.add("nhs:" + person.nhsNumber().value());
            }
        }
        jdbc.sql("""
                        SELECT count(pg_advisory_xact_lock(lock_id))
                          FROM (SELECT DISTINCT hashtext(key) AS lock_id FROM unnest(CAST(? AS text[])) AS key
                                ORDER BY lock_id) AS ordered""").param(keys.toArray(String[]::new)).query().singleRow();
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

    /** Possible matches waiting for a practitioner, oldest first. */
    @Transactional(readOnly = true)
    public List<MatchReview> reviewQueue(int limit) {
        return jdbc.sql("""
                        SELECT r.id AS review_id, r.created_at, r.candidate_person_id, i.id AS identity_id, i.agency_id,
                               i.person_id, i.given_name, i.family_name, i.date_of_birth, i.sex, i.postcode, i.nhs_number,
                               c.given_name AS c_given, c.family_name AS c_family, c.date_of_birth AS c_dob, c.sex AS c_sex,
                               c.postcode AS c_postcode, c.nhs_number AS c_nhs
                          FROM ingest.match_review r
                          JOIN ingest.person_identity i ON i.id = r.identity_id
                          JOIN LATERAL (SELECT * FROM ingest.person_identity x WHERE x.person_id = r.candidate_person_id
                                        ORDER BY x.linked_at LIMIT 1) c ON true
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
        Instant now = clock.instant();
        jdbc.sql(
                        "UPDATE ingest.person_identity SET person_id = ?, linked_by = 'CONFIRMED_BY_PRACTITIONER', linked_at = ? WHERE id = ?")
                .params(
                        pending.candidate().value(),
                        Timestamp.from(now),
                        pending.identity().value())
                .update();
        decide(review, "CONFIRMED", by, now);
        jdbc.sql("UPDATE ingest.match_review SET status = 'WITHDRAWN' WHERE identity_id = ? AND status = 'PENDING'")
                .param(pending.identity().value())
                .update();
        events.publishEvent(new PersonLinkEvent(
                "PersonLinked",
                pending.identity(),
                pending.candidate(),
                Resolution.LinkKind.CONFIRMED_BY_PRACTITIONER,
                List.of(),
                by,
                now));
        return new Resolution(
                pending.identity(), pending.candidate(), Resolution.LinkKind.CONFIRMED_BY_PRACTITIONER, List.of());
    }

    /** The practitioner says they are different persons: the pair is never suggested again. */
    public void reject(UUID review, Actor by) {
        pending(review);
        Instant now = clock.instant();
        decide(review, "REJECTED", by, now);
    }

    /** Undoes a link: the identity stands alone as a new person. */
    public Resolution unlink(IdentityId identity, Actor by) {
        PersonId previous = personOf(identity);
        Instant now = clock.instant();
        PersonId alone = newPerson(null, now);
        jdbc.sql(
                        "UPDATE ingest.person_identity SET person_id = ?, linked_by = 'UNLINKED_BY_PRACTITIONER', linked_at = ? WHERE id = ?")
                .params(alone.value(), Timestamp.from(now), identity.value())
                .update();
        events.publishEvent(new PersonLinkEvent(
                "PersonUnlinked",
                identity,
                alone,
                Resolution.LinkKind.UNLINKED_BY_PRACTITIONER,
                List.of(previous),
                by,
                now));
        return new Resolution(identity, alone, Resolution.LinkKind.UNLINKED_BY_PRACTITIONER, List.of());
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

    /** Identities born on the same day, or a day, a year or a swapped day and month away, plus the NHS number's person. */
    private List<Candidate> candidates(Normalised incoming) {
        LocalDate dob = incoming.dateOfBirth();
        List<LocalDate> dates =
                new ArrayList<>(List.of(dob, dob.minusDays(1), dob.plusDays(1), dob.minusYears(1), dob.plusYears(1)));
        if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
            dates.add(LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()));
        }
        // Only a close family name (or, for swapped names, a given name close to it) can make a possible
        // match, and close names share their phonetic code or their initial: the database drops the rest
        // of the birth-date block (about 900 identities a day in a population of a million children).
        var phonetics = new java.util.TreeSet<String>(List.of(incoming.familyPhonetic()));
        var initials = new java.util.TreeSet<String>(
                List.of(incoming.family().isEmpty() ? "" : incoming.family().substring(0, 1)));
        if (incoming.given() != null && !incoming.given().isEmpty()) {
            phonetics.add(Names.phonetic(incoming.given()));
            initials.add(incoming.given().substring(0, 1));
        }
        // two index lookups joined by UNION: an OR across the two tables made every resolve scan them all
        String from = " FROM ingest.person_identity i JOIN ingest.person p ON p.id = i.person_id";
        return jdbc.sql("SELECT " + IDENTITY_COLUMNS + from + " WHERE i.date_of_birth = ANY(CAST(? AS date[]))"
                        + " AND (i.family_phonetic = ANY(?) OR upper(left(i.family_name, 1)) = ANY(?))"
                        + " UNION SELECT " + IDENTITY_COLUMNS + from + " WHERE p.nhs_number = ?")
                // the driver binds no LocalDate[]: ISO date strings, cast by the server
                .params(
                        dates.stream().map(LocalDate::toString).toArray(String[]::new),
                                phonetics.toArray(String[]::new),
                        initials.toArray(String[]::new), incoming.nhsNumber())
                .query(Persons::candidate)
                .list();
    }

    private static Candidate candidate(ResultSet rs, int rowNumber) throws SQLException {
        String given = rs.getString("given_name");
        String family = Names.normalise(rs.getString("family_name"));
        String personNhs = rs.getString("person_nhs");
        String postcode = rs.getString("postcode");
        return new Candidate(
                new IdentityId(rs.getObject("id", UUID.class)),
                new PersonId(rs.getObject("person_id", UUID.class)),
                new Normalised(
                        given == null ? null : Names.normalise(given),
                        family,
                        // stored when the identity was written: recomputing it for every candidate cost most of a match
                        rs.getString("family_phonetic"),
                        rs.getObject("date_of_birth", LocalDate.class),
                        Sex.valueOf(rs.getString("sex")),
                        postcode,
                        personNhs != null ? personNhs : rs.getString("nhs_number")));
    }

    private PersonId newPerson(@Nullable NhsNumber nhs, Instant now) {
        PersonId person = new PersonId(UUID.randomUUID());
        jdbc.sql("INSERT INTO ingest.person (id, nhs_number, created_at) VALUES (?, ?, ?)")
                .params(person.value(), nhs == null || nhsTaken(nhs) ? null : nhs.value(), Timestamp.from(now))
                .update();
        return person;
    }

    private boolean nhsTaken(NhsNumber nhs) {
        return jdbc.sql("SELECT count(*) FROM ingest.person WHERE nhs_number = ?")
                        .param(nhs.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void claimNhsNumber(PersonId person, @Nullable NhsNumber nhs) {
        if (nhs != null && !nhsTaken(nhs)) {
            jdbc.sql("UPDATE ingest.person SET nhs_number = ? WHERE id = ? AND nhs_number IS NULL")
                    .params(nhs.value(), person.value())
                    .update();
        }
    }

    private void insertIdentity(
            IdentityId identity,
            AgencyId agency,
            String localId,
            PersonId person,
            Demographics d,
            Resolution.LinkKind link,
            Instant now) {
        String family = Names.normalise(d.familyName());
        jdbc.sql("""
                        INSERT INTO ingest.person_identity (id, agency_id, local_id, person_id, given_name, family_name,
                          family_phonetic, date_of_birth, sex, postcode, nhs_number, linked_by, linked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        identity.value(),
                        agency.value(),
                        localId,
                        person.value(),
                        d.givenName(),
                        d.familyName(),
                        Names.phonetic(family),
                        d.dateOfBirth(),
                        d.sex().name(),
                        d.postcode() == null ? null : Names.postcode(d.postcode()),
                        d.nhsNumber() == null ? null : d.nhsNumber().value(),
                        link.name(),
                        Timestamp.from(now))
                .update();
    }

    private void updateDemographics(IdentityId identity, Demographics d) {
        String family = Names.normalise(d.familyName());
        jdbc.sql("""
                        UPDATE ingest.person_identity SET given_name = ?, family_name = ?, family_phonetic = ?,
                               date_of_birth = ?, sex = ?, postcode = ?, nhs_number = ? WHERE id = ?""")
                .params(
                        d.givenName(),
                        d.familyName(),
                        Names.phonetic(family),
                        d.dateOfBirth(),
                        d.sex().name(),
                        d.postcode() == null ? null : Names.postcode(d.postcode()),
                        d.nhsNumber() == null ? null : d.nhsNumber().value(),
                        identity.value())
                .update();
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
