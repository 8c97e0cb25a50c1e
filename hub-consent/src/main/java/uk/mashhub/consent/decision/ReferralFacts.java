package uk.mashhub.consent.decision;

import java.util.Set;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/**
 * What the decision needs to know about the referral a release is asked for.
 *
 * @param persons the referral's subject and every person linked to them
 */
public record ReferralFacts(ReferralId id, boolean open, Set<PersonId> persons) {

    public ReferralFacts {
        persons = Set.copyOf(persons);
    }
}
