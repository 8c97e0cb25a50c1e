package uk.mashhub.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Names a purpose of sharing as an agreement defines it ({@code SAFEGUARDING_CHILDREN}, {@code
 * EARLY_HELP}, {@code ADULT_SAFEGUARDING} …). Purposes are local policy, so this is a checked code
 * rather than a fixed list; a release request names the purpose it asks under.
 */
public record PurposeCode(@JsonValue String value) {

    /** The rule, anchored, as the API's schema publishes it. */
    public static final String PATTERN = "^[A-Z][A-Z0-9_]{1,63}$";

    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public PurposeCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue(
                    "purpose", "must be 2 to 64 upper-case letters, digits or underscores, such as EARLY_HELP");
        }
    }

    @Override
    public String toString() {
        return value;
    }

    @JsonCreator
    static PurposeCode of(String value) {
        return new PurposeCode(value);
    }
}
