package uk.mashhub.consent.agreement;

import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.InvalidValue;

/** One end of a flow: one named agency, or every party of a type (say, every HEALTH party). */
public record PartySelector(
        @Nullable AgencyId agency, @Nullable AgencyType type) {

    public PartySelector {
        if ((agency == null) == (type == null)) {
            throw new InvalidValue("flow end", "must name exactly one of an agency or an agency type");
        }
    }

    public static PartySelector agency(AgencyId agency) {
        return new PartySelector(agency, null);
    }

    public static PartySelector type(AgencyType type) {
        return new PartySelector(null, type);
    }

    /** Whether {@code party} is selected (it must also be a party of the agreement: the caller checks that). */
    public boolean selects(Party party) {
        return agency != null ? agency.equals(party.agency()) : type == party.type();
    }

    @Override
    public String toString() {
        return agency != null ? agency.value() : "any " + type;
    }
}
