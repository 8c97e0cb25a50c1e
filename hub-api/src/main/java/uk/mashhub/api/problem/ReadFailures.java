package uk.mashhub.api.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import uk.mashhub.kernel.FieldNames;

/** What a failure to read a request says about it: where in the JSON, and the rule behind it. */
public final class ReadFailures {

    private ReadFailures() {}

    /** The field Jackson was reading, as problems name fields ({@code related[0].givenName}); empty if none. */
    public static String field(JacksonException failure) {
        List<Object> segments = new ArrayList<>();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                segments.add(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                segments.add(reference.getIndex());
            }
        }
        return field(segments);
    }

    /**
     * The field named by {@code segments} (outermost first: property names, and {@link Integer}
     * indexes into lists). A name is shown only if it has the shape of a field name
     * ({@link FieldNames}); the path stops before any other key a caller chose (a malformed record
     * field's, say), because such a key may be anything they typed and an error never repeats that.
     */
    static String field(List<Object> segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else if (segment instanceof String name && FieldNames.isWellFormed(name)) {
                path.append(path.isEmpty() ? "" : ".").append(name);
            } else {
                break;
            }
        }
        return path.toString();
    }

    /**
     * The rule a value Jackson could not read broke, as a field error says it: for a value of a
     * vocabulary (an enum — concern categories, urgency, data categories) the accepted values, which
     * are the hub's words, never the caller's; otherwise {@code otherwise}.
     */
    public static String rule(JacksonException failure, String otherwise) {
        if (failure instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "is not one of the accepted values: "
                    + Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(value -> ((Enum<?>) value).name())
                            .collect(Collectors.joining(", "));
        }
        return otherwise;
    }

    /** The first of {@code failure}'s causes (itself included) of {@code type}, if any. */
    public static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
