package uk.mashhub.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Identifies a referral (owned by the ingest module). */
public record ReferralId(@JsonValue UUID value) {

    public ReferralId {
        if (value == null) {
            throw new InvalidValue("referral id", "is required");
        }
    }

    public static ReferralId parse(String text) {
        return new ReferralId(Uuids.parse(text, "referral id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }

    @JsonCreator
    static ReferralId of(UUID value) {
        return new ReferralId(value);
    }
}
