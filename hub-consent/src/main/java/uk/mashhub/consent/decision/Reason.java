package uk.mashhub.consent.decision;

/** One reason a release was denied: its stable code and its sentence. */
public record Reason(DenialCode code, String sentence) {

    public static Reason of(DenialCode code) {
        return new Reason(code, code.sentence());
    }
}
