package uk.mashhub.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Identifies a partner agency. Every caller of the hub acts for exactly one agency, named by the
 * {@code agency} claim of its token.
 *
 * <p>The value is a short lower-case code ({@code northshire-police}), stable for the life of the
 * partnership, so that it can travel in tokens, URLs and audit events without a lookup.
 */
public record AgencyId(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public AgencyId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("agency id", "must be 1 to 64 lower-case letters, digits or hyphens");
        }
    }

    /** Whether {@code candidate} is a well-formed agency id. */
    public static boolean isValid(String candidate) {
        return FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    @JsonCreator
    static AgencyId of(String value) {
        return new AgencyId(value);
    }
}
