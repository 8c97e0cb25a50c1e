package uk.mashhub.audit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a decision read, as of a place in the audit chain: a sequence number no later than the
 * chain head when it began to read, the events that record a change of anything it read, and the identifiers of what
 * it was about (pseudonyms of the persons, a referral's id), so that a change about someone else
 * does not count. A decision's events handed to {@link GroupCommit#commit(List, DecisionBasis)} are
 * chained only if no such event has been chained since — checked while the commit holds the chain
 * head, so none can be chained between the check and the commit (ADR 0014, point 9).
 *
 * <p>This works because every change a decision may depend on is itself audited, in the
 * transaction that makes it, through the same chain head.
 *
 * @param sequence a position no later than the chain head when the decision began to read
 * @param changedBy the events that change what it read
 * @param about the identifiers its {@link Change#about} changes must name (as a details value)
 */
public record DecisionBasis(long sequence, List<Change> changedBy, Set<String> about) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:-]+");

    public DecisionBasis {
        if (sequence < 0) {
            throw new IllegalArgumentException("a chain position is 0 or more");
        }
        if (changedBy.isEmpty()) {
            throw new IllegalArgumentException("a decision basis names the events that change it");
        }
        if (about.stream().anyMatch(value -> !PLAIN.matcher(value).matches())) {
            // so that their canonical form is themselves in quotes, nothing escaped
            throw new IllegalArgumentException("identifiers are letters, digits, '_', ':' and '-'");
        }
        changedBy = List.copyOf(changedBy);
        about = Set.copyOf(about);
    }

    /** The same basis, about these identifiers (pseudonyms of persons, ids of other things). */
    public DecisionBasis about(Collection<String> identifiers) {
        return new DecisionBasis(sequence, changedBy, Set.copyOf(identifiers));
    }

    /**
     * Events of {@code type}; with a {@code detail}, only those whose details hold that value; if
     * {@code aboutTheDecision}, only those whose details name one of the decision's identifiers.
     * Matched in the canonical text that was hashed, where a value {@code v} of a key {@code k}
     * reads {@code "k":"v"}.
     */
    public record Change(
            String type, @Nullable String detail, @Nullable String value, boolean aboutTheDecision) {

        public Change {
            if ((detail == null) != (value == null)) {
                throw new IllegalArgumentException("a detail is named with its value");
            }
            if (detail != null
                    && !(PLAIN.matcher(detail).matches() && PLAIN.matcher(value).matches())) {
                throw new IllegalArgumentException("a detail and its value are letters, digits, '_', ':' and '-'");
            }
        }

        /** Every event of {@code type}, whoever it is about. */
        public static Change any(String type) {
            return new Change(type, null, null, false);
        }

        /** The events of {@code type} that name one of the decision's identifiers. */
        public static Change about(String type) {
            return new Change(type, null, null, true);
        }

        /** The events of {@code type} whose {@code detail} is {@code value} and that name one of the decision's identifiers. */
        public static Change about(String type, String detail, String value) {
            return new Change(type, detail, value, true);
        }

        boolean matches(String eventType, String canonicalDetails, Set<String> identifiers) {
            return type.equals(eventType)
                    && (detail == null || canonicalDetails.contains("\"" + detail + "\":\"" + value + "\""))
                    && (!aboutTheDecision
                            || identifiers.stream().anyMatch(id -> canonicalDetails.contains("\"" + id + "\"")));
        }
    }

    /** Whether an event chained after {@link #sequence()} changes what the decision read. */
    boolean changedBy(long eventSequence, String eventType, String canonicalDetails) {
        return eventSequence > sequence
                && changedBy.stream().anyMatch(change -> change.matches(eventType, canonicalDetails, about));
    }
}
