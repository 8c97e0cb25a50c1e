package uk.mashhub.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Identifies a person known to the hub (the ingest module owns persons; others refer to them by this id). */
public record PersonId(@JsonValue UUID value) {

    public PersonId {
        if (value == null) {
            throw new InvalidValue("person id", "is required");
        }
    }

    public static PersonId parse(String text) {
        return new PersonId(Uuids.parse(text, "person id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }

    @JsonCreator
    static PersonId of(UUID value) {
        return new PersonId(value);
    }
}
