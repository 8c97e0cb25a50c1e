package uk.mashhub.ingest.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.person.Resolution;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ReferralId;

/**
 * Referrals: received from agencies, rated, gathered, decided and closed. A referral is visible to
 * the agency that made it and to the MASH (callers the API lets see every referral); every change
 * is audited in its transaction and kept in the referral's timeline.
 */
@Component
@Transactional
@EnableConfigurationProperties(TriagePolicy.class)
public class Referrals {

    private static final String COLUMNS = """
            id, referrer_agency, referrer_subject, status, subject_identity, concerns, narrative, consent_sought,
            consent_answer, consent_not_sought_reason, urgency, referrer_name, referrer_role, referrer_phone,
            referrer_email, received_at, rag, rag_rationale, deadline, outcome, decision_rationale, changed_at""";

    private final JdbcClient jdbc;
    private final Persons persons;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Deadlines deadlines;

    Referrals(JdbcClient jdbc, Persons persons, ApplicationEventPublisher events, Clock clock, TriagePolicy policy) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.events = events;
        this.clock = clock;
        this.deadlines = new Deadlines(policy);
    }

    /** Receives a referral: links its persons, stores it RECEIVED with its screening deadline. */
    public Referral receive(ReferralSubmission submission, Actor by) {
        Instant now = clock.instant();
        List<Persons.Report> everyone = new ArrayList<>();
        everyone.add(new Persons.Report(
                submission.subject().localId(), submission.subject().demographics()));
        submission
                .related()
                .forEach(report -> everyone.add(new Persons.Report(report.localId(), report.demographics())));
        List<Resolution> resolved = persons.resolveAll(by.agency(), everyone, by);
        Resolution subject = resolved.getFirst();
        List<Referral.Related> related = new ArrayList<>();
        for (int i = 0; i < submission.related().size(); i++) {
            related.add(new Referral.Related(
                    resolved.get(i + 1).identity(), submission.related().get(i).relationship()));
        }
        var referral = new Referral(
                new ReferralId(UUID.randomUUID()),
                by,
                ReferralStatus.RECEIVED,
                subject.identity(),
                related,
                submission.concerns(),
                submission.narrative(),
                submission.consent(),
                submission.urgency(),
                submission.referrer(),
                now,
                null,
                null,
                deadlines.deadline(now, null),
                null,
                null,
                now);
        insert(referral, by);
        events.publishEvent(new ReferralEvent("ReferralReceived", referral, by, now));
        return referral;
    }

    public Referral rate(ReferralId id, Rag rag, String rationale, Actor by) {
        Referral current = locked(id);
        Instant now = clock.instant();
        Referral rated = current.rated(rag, rationale, deadlines.deadline(current.receivedAt(), rag), now);
        update(rated);
        record(rated, current.rag() == null ? "ReferralTriaged" : "ReferralRerated", by, now, rationale);
        return rated;
    }

    public Referral startGathering(ReferralId id, Actor by) {
        Referral gathering = locked(id).gathering(clock.instant());
        update(gathering);
        record(gathering, "ReferralGathering", by, gathering.changedAt(), null);
        return gathering;
    }

    public Referral decide(ReferralId id, Outcome outcome, String rationale, Actor by) {
        Referral decided = locked(id).decided(outcome, rationale, clock.instant());
        update(decided);
        record(decided, "ReferralDecided", by, decided.changedAt(), rationale);
        return decided;
    }

    public Referral close(ReferralId id, Actor by) {
        Referral closed = locked(id).closed(clock.instant());
        update(closed);
        record(closed, "ReferralClosed", by, closed.changedAt(), null);
        return closed;
    }

    /** The referral, if {@code viewer} made it or {@code seesAll} (the MASH). */
    @Transactional(readOnly = true)
    public Optional<Referral> find(ReferralId id, AgencyId viewer, boolean seesAll) {
        return load(id, false)
                .filter(referral -> seesAll || referral.referredBy().agency().equals(viewer));
    }

    /** Every change to the referral, oldest first. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(ReferralId id) {
        return jdbc.sql("""
                        SELECT at, actor_agency, actor, change, rag, rationale FROM ingest.referral_timeline
                         WHERE referral_id = ? ORDER BY at, seq""")
                .param(id.value())
                .query((rs, n) -> new TimelineEntry(
                        rs.getTimestamp("at").toInstant(),
                        new Actor(new AgencyId(rs.getString("actor_agency")), rs.getString("actor")),
                        rs.getString("change"),
                        rs.getString("rag") == null ? null : Rag.valueOf(rs.getString("rag")),
                        rs.getString("rationale")))
                .list();
    }

    /** One change in a referral's timeline. */
    public record TimelineEntry(
            Instant at,
            Actor actor,
            String change,
            @Nullable Rag rag,
            @Nullable String rationale) {}

    /**
     * The triage queue: open referrals, the most pressing deadline first (so overdue ones lead),
     * filtered, one page at a time after {@code after} (keyset pagination on deadline and id).
     */
    @Transactional(readOnly = true)
    public List<Referral> queue(QueueFilter filter, @Nullable QueueCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ingest.referral WHERE status = ANY(?)");
        List<Object> params = new ArrayList<>();
        params.add(filter.statuses().stream().map(Enum::name).toArray(String[]::new));
        if (filter.rag() != null) {
            sql.append(" AND rag = ?");
            params.add(filter.rag().name());
        }
        if (filter.overdueOnly()) {
            sql.append(" AND deadline < ?");
            params.add(Timestamp.from(clock.instant()));
        }
        if (filter.concern() != null) {
            sql.append(" AND ? = ANY(concerns)");
            params.add(filter.concern().name());
        }
        if (after != null) {
            sql.append(" AND (coalesce(deadline, 'infinity'), id) > (coalesce(CAST(? AS timestamptz), 'infinity'), ?)");
            params.add(timestamp(after.deadline()));
            params.add(after.id().value());
        }
        sql.append(" ORDER BY coalesce(deadline, 'infinity'), id LIMIT ?");
        params.add(limit);
        return withRelated(
                jdbc.sql(sql.toString()).params(params).query(Referrals::row).list());
    }

    /** What the queue shows: open statuses by default. */
    public record QueueFilter(
            List<ReferralStatus> statuses,
            @Nullable Rag rag,
            @Nullable ConcernCategory concern,
            boolean overdueOnly) {
        public QueueFilter {
            statuses = statuses == null || statuses.isEmpty()
                    ? List.of(ReferralStatus.RECEIVED, ReferralStatus.TRIAGED, ReferralStatus.GATHERING)
                    : List.copyOf(statuses);
        }
    }

    /** Where the previous page ended; a null deadline (BLUE) sorts last. */
    public record QueueCursor(@Nullable Instant deadline, ReferralId id) {}

    private Referral locked(ReferralId id) {
        return load(id, true).orElseThrow(() -> new NotFound("referral"));
    }

    /** The referral with its related persons, in one statement (a row per related person, or one row). */
    private Optional<Referral> load(ReferralId id, boolean forUpdate) {
        List<Referral> found = new ArrayList<>(1);
        List<Referral.Related> related = new ArrayList<>();
        jdbc.sql("SELECT " + COLUMNS + ", p.identity_id, p.relationship FROM ingest.referral r"
                        + " LEFT JOIN ingest.referral_person p ON p.referral_id = r.id WHERE r.id = ?"
                        + (forUpdate ? " FOR UPDATE OF r" : ""))
                .param(id.value())
                .query(rs -> {
                    if (found.isEmpty()) {
                        found.add(row(rs, 0));
                    }
                    if (rs.getObject("identity_id") != null) { // none for a referral without related persons
                        related.add(related(rs));
                    }
                });
        return found.stream().findFirst().map(referral -> withRelated(referral, related));
    }

    /** The referral, its related persons and the first entry of its timeline, in one statement. */
    private void insert(Referral r, Actor by) {
        jdbc.sql("WITH referral AS (INSERT INTO ingest.referral (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)),\n" + """
                        related AS (INSERT INTO ingest.referral_person (referral_id, identity_id, relationship)
                          SELECT CAST(? AS uuid), identity_id, relationship
                            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS p(identity_id, relationship)
                          ON CONFLICT DO NOTHING)
                        INSERT INTO ingest.referral_timeline (referral_id, at, actor_agency, actor, change)
                        VALUES (CAST(? AS uuid), CAST(? AS timestamptz), ?, ?, 'ReferralReceived')""")
                .params(
                        r.id().value(),
                        r.referredBy().agency().value(),
                        r.referredBy().subject(),
                        r.status().name(),
                        r.subject().value(),
                        r.concerns().stream().map(Enum::name).sorted().toArray(String[]::new),
                        r.narrative(),
                        r.consent().sought(),
                        r.consent().answer() == null
                                ? null
                                : r.consent().answer().name(),
                        r.consent().reasonNotSought(),
                        r.urgency().name(),
                        r.referrer().name(),
                        r.referrer().role(),
                        r.referrer().phone(),
                        r.referrer().email(),
                        Timestamp.from(r.receivedAt()),
                        null,
                        null,
                        timestamp(r.deadline()),
                        null,
                        null,
                        Timestamp.from(r.changedAt()),
                        r.id().value(),
                        r.related().stream().map(p -> p.identity().value()).toArray(UUID[]::new),
                        r.related().stream().map(Referral.Related::relationship).toArray(String[]::new),
                        r.id().value(),
                        Timestamp.from(r.receivedAt()),
                        by.agency().value(),
                        by.subject())
                .update();
    }

    private void update(Referral r) {
        jdbc.sql("""
                        UPDATE ingest.referral SET status = ?, rag = ?, rag_rationale = ?, deadline = ?, outcome = ?,
                               decision_rationale = ?, changed_at = ? WHERE id = ?""")
                .params(
                        r.status().name(),
                        r.rag() == null ? null : r.rag().name(),
                        r.ragRationale(),
                        timestamp(r.deadline()),
                        r.outcome() == null ? null : r.outcome().name(),
                        r.decisionRationale(),
                        Timestamp.from(r.changedAt()),
                        r.id().value())
                .update();
    }

    private void record(Referral referral, String change, Actor by, Instant at, @Nullable String rationale) {
        jdbc.sql("""
                        INSERT INTO ingest.referral_timeline (referral_id, at, actor_agency, actor, change, rag, rationale)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        referral.id().value(),
                        Timestamp.from(at),
                        by.agency().value(),
                        by.subject(),
                        change,
                        referral.rag() == null ? null : referral.rag().name(),
                        rationale)
                .update();
        events.publishEvent(new ReferralEvent(change, referral, by, at));
    }

    private List<Referral> withRelated(List<Referral> referrals) {
        if (referrals.isEmpty()) {
            return referrals;
        }
        Map<UUID, List<Referral.Related>> related = new HashMap<>();
        jdbc.sql("SELECT referral_id, identity_id, relationship FROM ingest.referral_person WHERE referral_id = ANY(?)")
                .param(referrals.stream().map(r -> r.id().value()).toArray(UUID[]::new))
                .query(rs -> {
                    related.computeIfAbsent(rs.getObject("referral_id", UUID.class), k -> new ArrayList<>())
                            .add(related(rs));
                });
        return referrals.stream()
                .map(r -> withRelated(r, related.getOrDefault(r.id().value(), List.of())))
                .toList();
    }

    /** The related person of a row holding {@code identity_id} and {@code relationship}. */
    private static Referral.Related related(ResultSet rs) throws SQLException {
        return new Referral.Related(
                new IdentityId(rs.getObject("identity_id", UUID.class)), rs.getString("relationship"));
    }

    private static Referral withRelated(Referral r, List<Referral.Related> related) {
        return new Referral(
                r.id(),
                r.referredBy(),
                r.status(),
                r.subject(),
                related,
                r.concerns(),
                r.narrative(),
                r.consent(),
                r.urgency(),
                r.referrer(),
                r.receivedAt(),
                r.rag(),
                r.ragRationale(),
                r.deadline(),
                r.outcome(),
                r.decisionRationale(),
                r.changedAt());
    }

    private static Referral row(ResultSet rs, int n) throws SQLException {
        String answer = rs.getString("consent_answer");
        String rag = rs.getString("rag");
        String outcome = rs.getString("outcome");
        Timestamp deadline = rs.getTimestamp("deadline");
        return new Referral(
                new ReferralId(rs.getObject("id", UUID.class)),
                new Actor(new AgencyId(rs.getString("referrer_agency")), rs.getString("referrer_subject")),
                ReferralStatus.valueOf(rs.getString("status")),
                new IdentityId(rs.getObject("subject_identity", UUID.class)),
                List.of(),
                Arrays.stream((String[]) rs.getArray("concerns").getArray())
                        .map(ConcernCategory::valueOf)
                        .collect(Collectors.toSet()),
                rs.getString("narrative"),
                new ConsentPosition(
                        rs.getBoolean("consent_sought"),
                        answer == null ? null : ConsentPosition.Answer.valueOf(answer),
                        rs.getString("consent_not_sought_reason")),
                Urgency.valueOf(rs.getString("urgency")),
                new ReferrerContact(
                        rs.getString("referrer_name"),
                        rs.getString("referrer_role"),
                        rs.getString("referrer_phone"),
                        rs.getString("referrer_email")),
                rs.getTimestamp("received_at").toInstant(),
                rag == null ? null : Rag.valueOf(rag),
                rs.getString("rag_rationale"),
                deadline == null ? null : deadline.toInstant(),
                outcome == null ? null : Outcome.valueOf(outcome),
                rs.getString("decision_rationale"),
                rs.getTimestamp("changed_at").toInstant());
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
