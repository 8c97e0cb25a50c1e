package uk.mashhub.consent.agreement;

import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.kernel.AgencyId;

/** An agency that is party to an agreement, with its type as it was when the agreement was drafted. */
public record Party(AgencyId agency, AgencyType type) {}
