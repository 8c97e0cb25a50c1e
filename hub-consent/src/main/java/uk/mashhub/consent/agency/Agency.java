package uk.mashhub.consent.agency;

import uk.mashhub.kernel.AgencyId;

/** A partner agency as other modules and callers see it. */
public record Agency(AgencyId id, String name, AgencyType type, AgencyStatus status) {

    public Agency {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an agency needs a name");
        }
    }
}
