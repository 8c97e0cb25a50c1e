package uk.mashhub.consent.agency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ProblemType;

/** The partner agencies of the hub: readable by every caller, registered and changed by information governance. */
@Component
@Transactional(readOnly = true)
public class Agencies {

    public static final ProblemType ALREADY_REGISTERED =
            new ProblemType("agency-already-registered", "An agency with that id is already registered", 409);

    public static final ProblemType UNKNOWN_AGENCY =
            new ProblemType("unknown-agency", "An agency named is not a partner of the hub", 422);

    private static final String COLUMNS = "id, name, type, status";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Agencies(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a partner; an id already registered is refused, however many ask at once. */
    @Transactional
    public Agency register(Agency agency, Actor by) {
        int added = jdbc.sql(
                        "INSERT INTO consent.agency (" + COLUMNS + ") VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                .params(
                        agency.id().value(),
                        agency.name(),
                        agency.type().name(),
                        agency.status().name())
                .update();
        if (added == 0) {
            throw new HubProblem(ALREADY_REGISTERED, "Agency " + agency.id() + " is already a partner of the hub.");
        }
        events.publishEvent(new AgencyEvent("AgencyRegistered", agency, by, clock.instant()));
        return agency;
    }

    /** Changes an agency's name, type or status; its id never changes. */
    @Transactional
    public Agency change(Agency agency, Actor by) {
        int changed = jdbc.sql("UPDATE consent.agency SET name = ?, type = ?, status = ? WHERE id = ?")
                .params(
                        agency.name(),
                        agency.type().name(),
                        agency.status().name(),
                        agency.id().value())
                .update();
        if (changed == 0) {
            throw new NotFound("agency");
        }
        events.publishEvent(new AgencyEvent("AgencyChanged", agency, by, clock.instant()));
        return agency;
    }

    /** Every agency, active or not, ordered by name. */
    public List<Agency> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent.agency ORDER BY name, id")
                .query(Agencies::agency)
                .list();
    }

    /**
     * Whether the agency is registered and active. Asked on every contribution, so it is one
     * indexed read in the caller's transaction if there is one, without a transaction of its own
     * (measured: that cost more than the read).
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public boolean isActive(AgencyId id) {
        return jdbc.sql("SELECT count(*) FROM consent.agency WHERE id = ? AND status = ?")
                        .params(id.value(), AgencyStatus.ACTIVE.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<Agency> find(AgencyId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent.agency WHERE id = ?")
                .params(id.value())
                .query(Agencies::agency)
                .optional();
    }

    /** Refuses, with {@link #UNKNOWN_AGENCY}, an agency id that names no partner of the hub. */
    public void requireRegistered(AgencyId id, String role) {
        if (find(id).isEmpty()) {
            throw new HubProblem(UNKNOWN_AGENCY, "The " + role + " " + id + " is not a partner agency of the hub.");
        }
    }

    /** The agency with this id; {@link NotFound} when there is none. */
    public Agency get(AgencyId id) {
        return find(id).orElseThrow(() -> new NotFound("agency"));
    }

    private static Agency agency(ResultSet row, int number) throws SQLException {
        return new Agency(
                new AgencyId(row.getString("id")),
                row.getString("name"),
                AgencyType.valueOf(row.getString("type")),
                AgencyStatus.valueOf(row.getString("status")));
    }
}
