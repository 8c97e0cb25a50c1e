package uk.mashhub.api.referral;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/**
 * A referral as the MASH opens it (pages and the override API): any referral (the MASH,
 * {@code hub.triage}, sees every one), and "not found" alike for an address that is not a referral
 * id and for a referral that does not exist; and the persons it is about.
 */
@Component
public class MashReferrals {

    private final Referrals referrals;
    private final Persons persons;

    MashReferrals(Referrals referrals, Persons persons) {
        this.referrals = referrals;
        this.persons = persons;
    }

    /**
     * The person a referral is about, or one of its related persons, by the hub's person id: what an
     * override may be recorded for. Anyone else is refused, so an override cannot name a child the
     * referral is not about.
     */
    public PersonId personOf(Referral referral, String personId) {
        PersonId person = PersonId.parse(personId);
        List<IdentityId> identities = new ArrayList<>();
        identities.add(referral.subject());
        referral.related().forEach(related -> identities.add(related.identity()));
        if (!persons.personsOf(identities).containsValue(person)) {
            throw new InvalidValue("personId", "must be the referral's subject or one of its related persons");
        }
        return person;
    }

    public Referral open(String referralId, HubCaller caller) {
        ReferralId id;
        try {
            id = ReferralId.parse(referralId);
        } catch (InvalidValue notAnId) {
            throw new NotFound("referral");
        }
        return referrals.find(id, caller.agency(), true).orElseThrow(() -> new NotFound("referral"));
    }
}
