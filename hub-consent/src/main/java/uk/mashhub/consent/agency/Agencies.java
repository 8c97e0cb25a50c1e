package uk.mashhub.consent.agency;

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

    private final AgencyRepository repository;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Agencies(AgencyRepository repository, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Agency register(Agency agency, Actor by) {
        if (repository.existsById(agency.id().value())) {
            throw new HubProblem(ALREADY_REGISTERED, "Agency " + agency.id() + " is already a partner of the hub.");
        }
        repository.save(new AgencyEntity(agency));
        events.publishEvent(new AgencyEvent("AgencyRegistered", agency, by, clock.instant()));
        return agency;
    }

    /** Changes an agency's name, type or status; its id never changes. */
    @Transactional
    public Agency change(Agency agency, Actor by) {
        AgencyEntity entity = repository.findById(agency.id().value()).orElseThrow(() -> new NotFound("agency"));
        entity.apply(agency);
        events.publishEvent(new AgencyEvent("AgencyChanged", agency, by, clock.instant()));
        return entity.toAgency();
    }

    /** Every agency, active or not, ordered by name. */
    public List<Agency> all() {
        return repository.findAllByOrderByNameAsc().stream()
                .map(AgencyEntity::toAgency)
                .toList();
    }

    /**
     * Whether the agency is registered and active. Asked on every contribution, so it is one
     * indexed read in the caller's transaction if there is one, without a persistence context or
     * a transaction of its own (measured: those cost more than the read).
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
        return repository.findById(id.value()).map(AgencyEntity::toAgency);
    }

    /** The agency with this id; {@link NotFound} when there is none. */
    public Agency get(AgencyId id) {
        return find(id).orElseThrow(() -> new NotFound("agency"));
    }
}
