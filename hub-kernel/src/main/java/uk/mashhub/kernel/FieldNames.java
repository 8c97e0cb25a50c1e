package uk.mashhub.kernel;

/**
 * What a field name looks like wherever the hub names one: an agency record's fields, the
 * permitted fields of an agreement's flow, and the fields a refusal points at. An ASCII letter,
 * then up to 99 ASCII letters, digits, {@code _} or {@code .} — {@code dateOfBirth},
 * {@code address.postcode}. A refusal repeats a name only if it has this shape (a name the hub
 * accepts, stores and releases as a field name anyway); anything else a caller sent as a name —
 * a space, punctuation, a character outside ASCII — is never repeated.
 */
public final class FieldNames {

    /** How the rule reads in a refusal. */
    public static final String SHAPE = "names such as dateOfBirth or address.postcode";

    /** The same rule as a regular expression, anchored, for where one is published (the API's schema); tested to agree. */
    public static final String PATTERN = "^[a-zA-Z][a-zA-Z0-9_.]{0,99}$";

    private static final int MAX_LENGTH = 100;

    private FieldNames() {}

    /** Whether {@code candidate} is a well-formed field name (a loop, not a regular expression: bulk uploads check every key). */
    public static boolean isWellFormed(String candidate) {
        int length = candidate.length();
        if (length == 0 || length > MAX_LENGTH || !isAsciiLetter(candidate.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = candidate.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
