package uk.mashhub.ingest.person;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.PersonId;

/**
 * An identity was linked to a person (with the persons it possibly matches), or unlinked from the
 * person it was linked to; {@code previous} is the person it left (an unlink, or a practitioner's
 * confirmation that moved it). Ids only, never names.
 */
public record PersonLinkEvent(
        String type,
        IdentityId identity,
        PersonId person,
        Resolution.LinkKind link,
        List<PersonId> possibleMatches,
        @Nullable PersonId previous,
        Actor actor,
        Instant at)
        implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("identityId", identity.toString());
        details.put("personId", person.toString());
        details.put("link", link.name());
        if (!possibleMatches.isEmpty()) {
            details.put(
                    "possibleMatchPersonIds",
                    possibleMatches.stream().map(PersonId::toString).toList());
        }
        if (previous != null) {
            details.put("previousPersonId", previous.toString());
        }
        return new AuditEvent(AuditEvent.newId(), type, actor.agency(), actor.subject(), at, details);
    }
}
