package uk.mashhub.ingest.person;

import java.util.List;
import uk.mashhub.kernel.PersonId;

/**
 * Which person an agency's identity belongs to, and how the hub knows.
 *
 * @param possibleMatches other persons it may be, waiting in the review queue (for {@link
 *     LinkKind#UNLINKED_ON_CONTRADICTION}: the person it left, queued with it)
 */
public record Resolution(IdentityId identity, PersonId person, LinkKind link, List<PersonId> possibleMatches) {

    /** How an identity came to be linked to its person. */
    public enum LinkKind {
        /** The agency had told the hub about this local id before. */
        KNOWN_IDENTITY,
        /** A valid NHS number matched, with the same date of birth. */
        NHS_NUMBER,
        /** A strong demographic match: exact names, date of birth and postcode. */
        DEMOGRAPHIC,
        /** No strong match: a new person (possible matches, if any, wait for review). */
        NEW_PERSON,
        /** A practitioner confirmed a possible match. */
        CONFIRMED_BY_PRACTITIONER,
        /** A practitioner undid a link: the identity stands alone. */
        UNLINKED_BY_PRACTITIONER,
        /**
         * The agency's update of a known identity (its NHS number, its sex) contradicted another
         * identity of its person: the identity stands alone, and the pair waits for review.
         */
        UNLINKED_ON_CONTRADICTION
    }

    public Resolution {
        possibleMatches = List.copyOf(possibleMatches);
    }
}
