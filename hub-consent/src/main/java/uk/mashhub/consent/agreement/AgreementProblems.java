package uk.mashhub.consent.agreement;

import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

/** The problems the agreement lifecycle reports. */
public final class AgreementProblems {

    public static final ProblemType STATE_CONFLICT =
            new ProblemType("agreement-state-conflict", "Not possible in the agreement's current state", 409);
    public static final ProblemType ALREADY_SIGNED =
            new ProblemType("already-signed", "Your agency has already signed this text", 409);
    public static final ProblemType SIGNATURES_MISSING =
            new ProblemType("signatures-missing", "Not every party has signed", 409);
    public static final ProblemType DRAFT_ALREADY_OPEN =
            new ProblemType("draft-already-open", "The agreement already has a draft version", 409);
    public static final ProblemType NOT_A_PARTY =
            new ProblemType("not-a-party", "Your agency is not a party to this agreement", 403);
    public static final ProblemType SIGNING_FOR_ANOTHER_AGENCY =
            new ProblemType("signing-for-another-agency", "An agency signs only for itself", 403);

    private AgreementProblems() {}

    static HubProblem stateConflict(String sentence) {
        return new HubProblem(STATE_CONFLICT, sentence);
    }
}
