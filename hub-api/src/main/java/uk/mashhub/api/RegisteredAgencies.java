package uk.mashhub.api;

import org.springframework.stereotype.Component;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

/** Only an active partner agency may contribute: a token for any other agency is refused. */
@Component
public class RegisteredAgencies {

    public static final ProblemType NOT_A_PARTNER =
            new ProblemType("agency-not-a-partner", "Your agency is not an active partner of the hub", 403);

    private final Agencies agencies;

    RegisteredAgencies(Agencies agencies) {
        this.agencies = agencies;
    }

    public void requireActive(HubCaller caller) {
        if (!agencies.isActive(caller.agency())) {
            throw notAPartner(caller);
        }
    }

    /** The refusal of a caller whose agency is not an active partner. */
    public static HubProblem notAPartner(HubCaller caller) {
        return new HubProblem(
                NOT_A_PARTNER,
                "Agency " + caller.agency() + " is not an active partner; ask the hub's information governance team.");
    }
}
