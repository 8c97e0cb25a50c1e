package uk.mashhub.kernel;

/**
 * A problem a module reports to its caller: a {@link ProblemType} plus a detail sentence.
 *
 * <p>The detail is shown to the calling agency as it is, so it must be safe to show another
 * agency: no personal data, no values the caller sent, no class names.
 */
public class HubProblem extends RuntimeException {

    private final ProblemType type;

    public HubProblem(ProblemType type, String safeDetail) {
        super(safeDetail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The detail sentence, safe to show to any agency. */
    public String safeDetail() {
        return getMessage();
    }
}
