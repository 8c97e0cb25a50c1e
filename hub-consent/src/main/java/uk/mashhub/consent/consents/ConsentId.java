package uk.mashhub.consent.consents;

import java.util.UUID;
import uk.mashhub.kernel.InvalidValue;

/** Identifies one consent entry. */
public record ConsentId(UUID value) {

    public ConsentId {
        if (value == null) {
            throw new InvalidValue("consent id", "is required");
        }
    }

    public static ConsentId parse(String text) {
        try {
            return new ConsentId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("consent id", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
