package uk.mashhub.ingest.referral;

import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.InvalidValue;

/**
 * Whether the referrer sought consent to share and the answer, or why they did not seek it (it
 * must not be sought when that would increase the risk to the child).
 */
public record ConsentPosition(
        boolean sought, @Nullable Answer answer, @Nullable String reasonNotSought) {

    public enum Answer {
        GIVEN,
        REFUSED
    }

    public ConsentPosition {
        if (sought && answer == null) {
            throw new InvalidValue("consent", "that was sought needs its answer");
        }
        if (!sought && (reasonNotSought == null || reasonNotSought.isBlank())) {
            throw new InvalidValue("consent", "that was not sought needs the reason why");
        }
        if (!sought && answer != null) {
            throw new InvalidValue("consent", "that was not sought cannot have an answer");
        }
    }
}
