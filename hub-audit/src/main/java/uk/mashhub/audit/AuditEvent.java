package uk.mashhub.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import uk.mashhub.kernel.AgencyId;

/**
 * One audit event as the audit log records it: what happened, who did it for which agency, when,
 * and the identifiers involved. Its JSON form is described by the JSON Schema in {@code
 * hub-audit/src/main/resources/audit/disclosure-event-v1.schema.json}.
 *
 * <p>{@code details} carries identifiers, codes and field <em>names</em> — never a released value
 * or free text that could hold personal data (an override's cited legal gateway is chosen from a
 * configured list; a justification is recorded by the module that owns it and referred to by id). Values are strings, integers, booleans, lists and maps. A key that
 * names a person ends in {@code PersonId} or {@code IdentityId} (or is {@code personId} / {@code
 * identityId}; lists end in {@code Ids}): the audit log replaces such values by keyed pseudonyms
 * before it chains the event.
 *
 * @param id stable id, so consumers can de-duplicate
 * @param type past-tense event name, such as {@code AgreementSigned}
 * @param actorAgency the agency the actor acted for
 * @param actor the token subject: a client id or a person's user name
 * @param occurredAt when it happened, to the microsecond (what PostgreSQL keeps)
 * @param details identifiers and codes, JSON-serialisable
 */
public record AuditEvent(
        UUID id, String type, AgencyId actorAgency, String actor, Instant occurredAt, Map<String, Object> details) {

    /** The largest integer an event may hold: exact in an IEEE double, as RFC 8785 requires. */
    public static final long MAX_INTEGER = 1L << 53;

    public AuditEvent {
        if (type.isBlank() || actor.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a type and an actor");
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        // sorted by key, as the canonical encoding writes them; no null keys or values, like Map.copyOf
        details.forEach((key, value) -> {
            Objects.requireNonNull(key, "audit detail keys");
            Objects.requireNonNull(value, "audit detail values");
        });
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /**
     * A new event id: a time-ordered UUID (version 7, RFC 9562) — the current Unix time in
     * milliseconds, then 74 random bits. Ids of events written together sit together in the log's
     * primary-key index, which a random (version 4) id scatters across the whole index, every event
     * touching a different page (ADR 0014). The time it shows is no secret: the event carries it.
     */
    public static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
