package uk.mashhub.audit.reader;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.InvalidValue;

/**
 * What an auditor searches or exports. Every criterion is optional; together they narrow.
 *
 * @param personId the hub's id of a person (the read model knows persons only by pseudonym; the hub
 *     computes it)
 * @param providingAgency the agency whose record was asked for
 * @param receivingAgency the agency that asked for it
 * @param purpose the purpose code of the request
 * @param actor who acted: a practitioner's user name or an agency system's client id
 * @param agreementId the agreement relied on
 * @param decision PERMIT or DENY
 * @param overridesOnly only overrides and break-glass: their own events and releases resting on them
 * @param breakGlassOnly only break-glass
 * @param type one event type; without it, release decisions, overrides and break-glass
 * @param from occurred at or after
 * @param to occurred before
 */
public record DisclosureFilter(
        @Nullable String personId,
        @Nullable String providingAgency,
        @Nullable String receivingAgency,
        @Nullable String purpose,
        @Nullable String actor,
        @Nullable String agreementId,
        @Nullable String decision,
        boolean overridesOnly,
        boolean breakGlassOnly,
        @Nullable String type,
        @Nullable Instant from,
        @Nullable Instant to) {

    public DisclosureFilter {
        if (decision != null && !decision.equals("PERMIT") && !decision.equals("DENY")) {
            throw new InvalidValue("decision", "must be PERMIT or DENY");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValue("from", "must be before to");
        }
        if (type != null && !type.matches("[A-Z][A-Za-z]{1,79}")) {
            throw new InvalidValue("type", "must be an audit event type such as RecordReleased");
        }
    }

    /** Everything (the whole log as far as the viewer may see it). */
    public static DisclosureFilter everything() {
        return new DisclosureFilter(null, null, null, null, null, null, null, false, false, null, null, null);
    }

    /** Everything about one person. */
    public static DisclosureFilter about(String personId) {
        return new DisclosureFilter(personId, null, null, null, null, null, null, false, false, null, null, null);
    }

    /** Everything that occurred in {@code [from, to)}. */
    public static DisclosureFilter between(Instant from, Instant to) {
        return new DisclosureFilter(null, null, null, null, null, null, null, false, false, null, from, to);
    }

    /** The criteria as audit event details; the person id is pseudonymised by the audit log. */
    Map<String, Object> asDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "personId", personId);
        put(details, "providingAgency", providingAgency);
        put(details, "receivingAgency", receivingAgency);
        put(details, "purpose", purpose);
        put(details, "actorFilter", actor);
        put(details, "agreementId", agreementId);
        put(details, "decision", decision);
        if (overridesOnly) {
            details.put("overridesOnly", true);
        }
        if (breakGlassOnly) {
            details.put("breakGlassOnly", true);
        }
        put(details, "eventType", type);
        put(details, "from", from);
        put(details, "to", to);
        return details;
    }

    private static void put(Map<String, Object> details, String key, @Nullable Object value) {
        if (value != null) {
            details.put(key, value.toString());
        }
    }
}
