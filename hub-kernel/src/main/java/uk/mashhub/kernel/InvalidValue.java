package uk.mashhub.kernel;

/** A value object refused a value: reported as a 400 naming the value, never echoing it. */
public final class InvalidValue extends HubProblem {

    public static final ProblemType TYPE = new ProblemType("invalid-value", "A value is not valid", 400);

    public InvalidValue(String what, String rule) {
        super(TYPE, "The " + what + " " + rule + ".");
    }
}
