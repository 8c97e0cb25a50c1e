package uk.mashhub.api.web;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.kernel.AgencyId;

/**
 * Agencies by their names on pages: {@code @agencyNames.name('northshire-police')} is "Northshire
 * Police"; an agency the hub does not know (any more) is shown by its id.
 */
@Component("agencyNames")
public class AgencyNames {

    private final Agencies agencies;

    AgencyNames(Agencies agencies) {
        this.agencies = agencies;
    }

    public String name(String agencyId) {
        if (!AgencyId.isValid(agencyId)) {
            return agencyId;
        }
        return agencies.find(new AgencyId(agencyId)).map(Agency::name).orElse(agencyId);
    }

    /** Every registered agency's name, for a page that names many (one query). */
    public Map<AgencyId, String> byId() {
        return agencies.all().stream().collect(Collectors.toUnmodifiableMap(Agency::id, Agency::name));
    }
}
