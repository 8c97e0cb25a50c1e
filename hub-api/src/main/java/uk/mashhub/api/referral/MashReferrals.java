package uk.mashhub.api.referral;

import org.springframework.stereotype.Component;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ReferralId;

/**
 * A referral as the MASH's pages open it: any referral (the MASH, {@code hub.triage}, sees every
 * one, as through the API), and "not found" alike for an address that is not a referral id and for
 * a referral that does not exist.
 */
@Component
public class MashReferrals {

    private final Referrals referrals;

    MashReferrals(Referrals referrals) {
        this.referrals = referrals;
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
