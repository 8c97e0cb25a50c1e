package uk.mashhub.api.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes a failure for the log without its messages: exception messages can carry the values
 * a caller sent or a database row held (a constraint violation names the duplicate key), and no
 * personal data may reach a log line. Class names and code locations are enough to find the bug.
 */
public final class SafeLogging {

    private static final int FRAMES_PER_CAUSE = 8;

    private SafeLogging() {}

    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++, current = current.getCause()) {
            var line = new StringBuilder(depth == 0 ? "" : "caused by ")
                    .append(current.getClass().getName());
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
                line.append("\n    at ").append(frames[i]);
            }
            parts.add(line.toString());
        }
        return String.join("\n", parts);
    }
}
