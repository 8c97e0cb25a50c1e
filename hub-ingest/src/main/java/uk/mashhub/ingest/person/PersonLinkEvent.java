package uk.mashhub.ingest.person;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.PersonId;

/** An identity was linked to a person, unlinked, or found to possibly match others. Ids only, never names. */
public record PersonLinkEvent(
        String type,
        IdentityId identity,
        PersonId person,
        Resolution.LinkKind link,
        List<PersonId> possibleMatches,
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
        return new AuditEvent(AuditEvent.newId(), type, actor.agency(), actor.subject(), at, details);
    }
}
