package uk.mashhub.consent.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import uk.mashhub.kernel.InvalidValue;

/** Identifies an information sharing agreement across all its versions. */
public record AgreementId(@JsonValue UUID value) {

    public AgreementId {
        if (value == null) {
            throw new InvalidValue("agreement id", "is required");
        }
    }

    public static AgreementId random() {
        return new AgreementId(UUID.randomUUID());
    }

    public static AgreementId parse(String text) {
        try {
            return new AgreementId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("agreement id", "must be a UUID");
        }
    }

    @JsonCreator
    static AgreementId of(UUID value) {
        return new AgreementId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
