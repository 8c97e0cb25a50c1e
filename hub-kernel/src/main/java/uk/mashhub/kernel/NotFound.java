package uk.mashhub.kernel;

/**
 * Something the caller asked for does not exist, or the caller may not know that it exists: the
 * hub answers the same in both cases so that a 404 never reveals more than the caller may know.
 */
public final class NotFound extends HubProblem {

    public static final ProblemType TYPE = new ProblemType("not-found", "Not found", 404);

    public NotFound(String what) {
        super(TYPE, "No " + what + " is available to you under that identifier.");
    }
}
