package uk.mashhub.ingest.referral;

import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

/** The problems referrals report. */
public final class ReferralProblems {

    public static final ProblemType STATE_CONFLICT =
            new ProblemType("referral-state-conflict", "Not possible in the referral's current state", 409);
    public static final ProblemType RATIONALE_REQUIRED =
            new ProblemType("rationale-required", "A rationale is required", 422);
    public static final ProblemType KEY_IN_PROGRESS = new ProblemType(
            "idempotency-key-in-progress", "A request with this Idempotency-Key is still being processed", 409);
    public static final ProblemType KEY_REUSED =
            new ProblemType("idempotency-key-reused", "This Idempotency-Key was used for a different request", 422);

    private ReferralProblems() {}

    static HubProblem stateConflict(String sentence) {
        return new HubProblem(STATE_CONFLICT, sentence);
    }
}
