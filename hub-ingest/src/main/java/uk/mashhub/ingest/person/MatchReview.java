package uk.mashhub.ingest.person;

import java.time.Instant;
import java.util.UUID;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.PersonId;

/**
 * A possible match waiting for a practitioner: is the agency's identity the same person as the
 * candidate? Shown with both sides' demographics so the practitioner can judge.
 */
public record MatchReview(
        UUID id,
        IdentityId identity,
        AgencyId agency,
        PersonId identityPerson,
        PersonId candidate,
        Demographics incoming,
        Demographics candidateDemographics,
        Instant createdAt) {}
