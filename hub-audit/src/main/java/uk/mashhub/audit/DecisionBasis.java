package uk.mashhub.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a decision read, as of a place in the audit chain: the chain head's sequence number when it
 * began to read, and the events that record a change of anything it read. A decision's events
 * handed to {@link GroupCommit#commit(List, DecisionBasis)} are chained only if no such event has
 * been chained since — checked while the commit holds the chain head, so no such change can be
 * chained between the check and the commit. The chain then holds one order in which every decision
 * saw every change chained before it (ADR 0014, point 9).
 *
 * <p>This works because every change a decision may depend on is itself audited, in the
 * transaction that makes it, through the same chain head.
 *
 * @param sequence the chain head when the decision began to read
 * @param changedBy the events that change what it read
 */
public record DecisionBasis(long sequence, List<Change> changedBy) {

    public DecisionBasis {
        if (sequence < 0) {
            throw new IllegalArgumentException("a chain position is 0 or more");
        }
        if (changedBy.isEmpty()) {
            throw new IllegalArgumentException("a decision basis names the events that change it");
        }
        changedBy = List.copyOf(changedBy);
    }

    /**
     * Events of {@code type}; with a {@code detail}, only those whose details hold that value (in
     * the canonical text that was hashed, as {@code "detail":"value"}).
     */
    public record Change(
            String type, @Nullable String detail, @Nullable String value) {

        public Change {
            if ((detail == null) != (value == null)) {
                throw new IllegalArgumentException("a detail is named with its value");
            }
            if (detail != null
                    && !(PLAIN.matcher(detail).matches() && PLAIN.matcher(value).matches())) {
                // so that their canonical form is themselves in quotes, nothing escaped
                throw new IllegalArgumentException("a detail and its value are letters, digits and underscores");
            }
        }

        private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");

        /** Every event of {@code type}. */
        public static Change any(String type) {
            return new Change(type, null, null);
        }

        /** The events of {@code type} whose {@code detail} is {@code value}. */
        public static Change where(String type, String detail, String value) {
            return new Change(type, detail, value);
        }

        boolean matches(String eventType, String canonicalDetails) {
            return type.equals(eventType)
                    && (detail == null || canonicalDetails.contains("\"" + detail + "\":\"" + value + "\""));
        }
    }

    /** Whether an event chained after {@link #sequence()} changes what the decision read. */
    boolean changedBy(long eventSequence, String eventType, String canonicalDetails) {
        return eventSequence > sequence
                && changedBy.stream().anyMatch(change -> change.matches(eventType, canonicalDetails));
    }
}
