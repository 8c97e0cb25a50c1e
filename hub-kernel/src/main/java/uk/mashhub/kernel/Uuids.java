package uk.mashhub.kernel;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses identifiers that callers send as text, refusing anything but the canonical UUID form. */
public final class Uuids {

    /** The canonical form, anchored, as the API's schema publishes it. */
    public static final String PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private static final Pattern CANONICAL = Pattern.compile(PATTERN);

    private Uuids() {}

    static UUID parse(String text, String what) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new InvalidValue(what, "must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e");
        }
        return UUID.fromString(text);
    }
}
