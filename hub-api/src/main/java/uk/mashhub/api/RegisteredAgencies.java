package uk.mashhub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.AgencyEvent;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

/**
 * Only an active partner agency may contribute: a token for any other agency is refused.
 *
 * <p>Agencies change a few times a year and every contribution asks, so the answer is remembered
 * for {@link #REMEMBERED} per agency; a change made through this instance is seen at once, one made
 * through another instance of the hub within that time.
 */
@Component
public class RegisteredAgencies {

    public static final ProblemType NOT_A_PARTNER =
            new ProblemType("agency-not-a-partner", "Your agency is not an active partner of the hub", 403);

    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private record Known(boolean active, Instant until) {}

    private final Agencies agencies;
    private final Clock clock;
    private final ConcurrentHashMap<AgencyId, Known> known = new ConcurrentHashMap<>();

    RegisteredAgencies(Agencies agencies, Clock clock) {
        this.agencies = agencies;
        this.clock = clock;
    }

    public void requireActive(HubCaller caller) {
        if (!active(caller.agency())) {
            throw new HubProblem(
                    NOT_A_PARTNER,
                    "Agency " + caller.agency()
                            + " is not an active partner; ask the hub's information governance team.");
        }
    }

    private boolean active(AgencyId agency) {
        Instant now = clock.instant();
        Known answer = known.get(agency);
        if (answer == null || !now.isBefore(answer.until())) {
            boolean active = agencies.find(agency)
                    .map(a -> a.status() == AgencyStatus.ACTIVE)
                    .orElse(false);
            answer = new Known(active, now.plus(REMEMBERED));
            known.put(agency, answer);
        }
        return answer.active();
    }

    @EventListener
    void forget(AgencyEvent changed) {
        known.remove(changed.agency().id());
    }
}
