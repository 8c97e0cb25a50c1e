package uk.mashhub.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a partner agency. Every caller of the hub acts for exactly one agency, named by the
 * {@code agency} claim of its token.
 *
 * <p>The value is a short lower-case code ({@code northshire-police}), stable for the life of the
 * partnership, so that it can travel in tokens, URLs and audit events without a lookup.
 */
public record AgencyId(@JsonValue String value) {

    /**
     * The same rule as a regular expression, anchored, for where one is published (the API's
     * schema: JSON Schema's {@code pattern} matches anywhere in the value unless anchored).
     */
    public static final String PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    private static final int MAX_LENGTH = 64;

    public AgencyId {
        if (value == null || !isValid(value)) {
            throw new InvalidValue("agency id", "must be 1 to 64 lower-case letters, digits or hyphens");
        }
    }

    /**
     * Whether {@code candidate} is a well-formed agency id: 1 to 64 of {@code a-z}, {@code 0-9} and
     * {@code -}, not starting or ending with a hyphen. (A loop, not a regular expression: every
     * request names its agency, and the expression cost 1 % of a release's CPU.)
     */
    public static boolean isValid(String candidate) {
        int length = candidate.length();
        if (length == 0 || length > MAX_LENGTH || candidate.charAt(0) == '-' || candidate.charAt(length - 1) == '-') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = candidate.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
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
