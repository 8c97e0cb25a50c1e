package uk.mashhub.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import uk.mashhub.kernel.AgencyId;

/**
 * One audit event as the audit log records it: what happened, who did it for which agency, when,
 * and the identifiers involved.
 *
 * <p>{@code details} carries identifiers, codes and field <em>names</em> — never a released value
 * or free text that could hold personal data (a justification is recorded by the module that owns
 * it and referred to by id).
 *
 * @param id stable id, so consumers can de-duplicate
 * @param type past-tense event name, such as {@code AgreementSigned}
 * @param actorAgency the agency the actor acted for
 * @param actor the token subject: a client id or a person's user name
 * @param occurredAt when it happened
 * @param details identifiers and codes, JSON-serialisable
 */
public record AuditEvent(
        UUID id, String type, AgencyId actorAgency, String actor, Instant occurredAt, Map<String, Object> details) {

    public AuditEvent {
        if (type.isBlank() || actor.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a type and an actor");
        }
        details = Map.copyOf(details);
    }
}
