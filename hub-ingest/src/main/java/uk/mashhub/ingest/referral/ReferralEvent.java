package uk.mashhub.ingest.referral;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;

/** A referral was received, rated, moved on, decided or closed; ids and codes only. */
public record ReferralEvent(String type, Referral referral, Actor actor, Instant at) implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("referralId", referral.id().toString());
        details.put("referringAgency", referral.referredBy().agency().value());
        details.put("subjectIdentityId", referral.subject().toString());
        details.put("status", referral.status().name());
        details.put(
                "concerns",
                referral.concerns().stream().map(Enum::name).sorted().toList());
        if (referral.rag() != null) {
            details.put("rag", referral.rag().name());
        }
        if (referral.outcome() != null) {
            details.put("outcome", referral.outcome().name());
        }
        return new AuditEvent(AuditEvent.newId(), type, actor.agency(), actor.subject(), at, details);
    }
}
