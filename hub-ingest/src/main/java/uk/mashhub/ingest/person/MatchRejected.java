package uk.mashhub.ingest.person;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.PersonId;

/**
 * A practitioner decided that an identity is not the person the hub suggested: the pair is never
 * suggested again. No link changes; it is audited because it is a decision about who someone is,
 * which an auditor may need to trace (a wrong rejection leaves a child's records apart). Ids only.
 */
record MatchRejected(UUID review, IdentityId identity, PersonId candidate, Actor actor, Instant at)
        implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reviewId", review.toString());
        details.put("identityId", identity.toString());
        details.put("candidatePersonId", candidate.toString());
        return new AuditEvent(AuditEvent.newId(), "PersonMatchRejected", actor.agency(), actor.subject(), at, details);
    }
}
