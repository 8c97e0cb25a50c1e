package uk.mashhub.api.problem;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** What a failure to read a request says about it: where in the JSON, and the rule behind it. */
public final class ReadFailures {

    private ReadFailures() {}

    /** The field Jackson was reading, as problems name fields ({@code related[0].givenName}); empty if none. */
    public static String field(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
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
