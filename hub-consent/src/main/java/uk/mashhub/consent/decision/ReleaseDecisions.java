package uk.mashhub.consent.decision;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.consent.agreement.SharingAgreements;
import uk.mashhub.consent.consents.Consents;
import uk.mashhub.consent.override.Overrides;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/**
 * Decides releases for a batch of requests: loads the live agreements, the consent histories of
 * every record subject and the overrides of every referral in the batch — three queries, however
 * many records — then applies the {@link ReleaseRule} to each request in memory.
 */
@Component
@Transactional(readOnly = true)
public class ReleaseDecisions {

    private final SharingAgreements agreements;
    private final Consents consents;
    private final Overrides overrides;
    private final Clock clock;

    ReleaseDecisions(SharingAgreements agreements, Consents consents, Overrides overrides, Clock clock) {
        this.agreements = agreements;
        this.consents = consents;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** One decision per request, in the same order. */
    public List<ReleaseDecision> decide(List<ReleaseRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Set<PersonId> subjects = new HashSet<>();
        Set<ReferralId> referrals = new HashSet<>();
        for (ReleaseRequest request : requests) {
            subjects.add(request.record().subject());
            referrals.add(request.referral().id());
        }
        ReleaseRule rule = ReleaseRule.prepare(
                agreements.live(), consents.histories(subjects), overrides.forReferrals(referrals), clock.instant());
        List<ReleaseDecision> decisions = new ArrayList<>(requests.size());
        for (ReleaseRequest request : requests) {
            decisions.add(rule.decide(request));
        }
        return decisions;
    }
}
