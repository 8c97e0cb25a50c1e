package uk.mashhub.consent.agency;

import java.time.Instant;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;

/** An agency joined the partnership or changed; audited as AgencyRegistered or AgencyChanged. */
public record AgencyEvent(String type, Agency agency, Actor actor, Instant at) implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        return new AuditEvent(
                AuditEvent.newId(),
                type,
                actor.agency(),
                actor.subject(),
                at,
                Map.of(
                        "agency",
                        agency.id().value(),
                        "agencyType",
                        agency.type().name(),
                        "status",
                        agency.status().name()));
    }
}
