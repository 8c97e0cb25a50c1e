package uk.mashhub.consent.override;

import java.util.UUID;
import uk.mashhub.kernel.InvalidValue;

/** Identifies an override or a break-glass. */
public record OverrideId(UUID value) {

    public OverrideId {
        if (value == null) {
            throw new InvalidValue("override id", "is required");
        }
    }

    public static OverrideId parse(String text) {
        try {
            return new OverrideId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("override id", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
