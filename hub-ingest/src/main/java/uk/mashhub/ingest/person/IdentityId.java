package uk.mashhub.ingest.person;

import java.util.UUID;
import uk.mashhub.kernel.InvalidValue;

/** Identifies one agency's identity of a person: (agency, local id), linked to one person. */
public record IdentityId(UUID value) {

    public IdentityId {
        if (value == null) {
            throw new InvalidValue("identity id", "is required");
        }
    }

    public static IdentityId parse(String text) {
        try {
            return new IdentityId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("identity id", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
