package uk.mashhub.api.web;

import org.springframework.stereotype.Component;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.kernel.AgencyId;

/** Agencies by their names on pages: {@code @agencyNames.name('northshire-police')} is "Northshire Police". */
@Component("agencyNames")
public class AgencyNames {

    private final Agencies agencies;

    AgencyNames(Agencies agencies) {
        this.agencies = agencies;
    }

    /** The registered name; the id itself for an agency the hub does not know (any more). */
    public String name(String agencyId) {
        if (!AgencyId.isValid(agencyId)) {
            return agencyId;
        }
        return agencies.find(new AgencyId(agencyId))
                .map(agency -> agency.name())
                .orElse(agencyId);
    }
}
