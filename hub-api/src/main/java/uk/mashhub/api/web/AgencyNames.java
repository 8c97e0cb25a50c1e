package uk.mashhub.api.web;

import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.RequestScope;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.kernel.AgencyId;

/**
 * Agencies by their names on pages: {@code @agencyNames.name('northshire-police')} is "Northshire
 * Police"; an agency the hub does not know (any more) is shown by its id. A page names many
 * agencies (a queue of referrals, a list of agreements), so they are read once per request.
 */
@Component("agencyNames")
@RequestScope
public class AgencyNames {

    private final Agencies agencies;
    private @Nullable Map<AgencyId, String> names;

    AgencyNames(Agencies agencies) {
        this.agencies = agencies;
    }

    public String name(String agencyId) {
        if (!AgencyId.isValid(agencyId)) {
            return agencyId;
        }
        return byId().getOrDefault(new AgencyId(agencyId), agencyId);
    }

    /** Every registered agency's name. */
    public Map<AgencyId, String> byId() {
        if (names == null) {
            names = agencies.all().stream().collect(Collectors.toUnmodifiableMap(Agency::id, Agency::name));
        }
        return names;
    }
}
