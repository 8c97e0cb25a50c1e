package uk.mashhub.ingest.record;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;

/** A record was contributed; audited with its category and field names, never its values. */
public record RecordContributed(AgencyRecord record, Actor actor) implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", record.id().toString());
        details.put("subjectIdentityId", record.subject().toString());
        details.put("category", record.category().name());
        details.put("fieldNames", record.fields().keySet().stream().sorted().toList());
        return new AuditEvent(
                AuditEvent.newId(), "RecordContributed", actor.agency(), actor.subject(), record.receivedAt(), details);
    }
}
