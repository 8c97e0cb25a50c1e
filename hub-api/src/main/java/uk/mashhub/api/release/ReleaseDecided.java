package uk.mashhub.api.release;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.consent.decision.DenialCode;
import uk.mashhub.consent.decision.ReleaseDecision;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/**
 * The audit event of one release decision: {@code RecordReleased} or {@code ReleaseDenied}. It
 * names the record, the referral, the person (pseudonymised in the log), provider and recipient,
 * purpose, agreement version, the consent or override relied on, the reason codes and the names of
 * the fields released — never their values.
 *
 * @param held what the hub holds under the record id asked for; null when it holds nothing the
 *     caller may ask about (the caller is told the same as for a record outside the case)
 */
record ReleaseDecided(
        UUID eventId,
        UUID recordId,
        @Nullable Held held,
        ReferralId referral,
        Actor requester,
        ReleaseDecision decision,
        Instant at)
        implements Auditable {

    record Held(AgencyId provider, PersonId person, DataCategory category) {}

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", recordId.toString());
        details.put("referralId", referral.toString());
        details.put("recipient", requester.agency().value());
        details.put("purpose", decision.purpose().value());
        details.put("decision", decision.permitted() ? "PERMIT" : "DENY");
        details.put("recordHeld", held != null);
        if (held != null) {
            details.put("subjectPersonId", held.person().toString());
            details.put("provider", held.provider().value());
            details.put("category", held.category().name());
        }
        if (decision.agreement() != null) {
            details.put("agreementId", decision.agreement().id().toString());
            details.put("agreementVersion", decision.agreement().version());
        }
        if (decision.ground() != null) {
            details.put("ground", decision.ground().name());
        }
        if (decision.consent() != null) {
            details.put("consentId", decision.consent().toString());
        }
        if (decision.override() != null) {
            details.put("overrideId", decision.override().toString());
        }
        details.put(
                "reasonCodes", decision.codes().stream().map(DenialCode::name).toList());
        details.put("fieldNames", decision.releasedFields());
        return new AuditEvent(
                eventId,
                decision.permitted() ? "RecordReleased" : "ReleaseDenied",
                requester.agency(),
                requester.subject(),
                at,
                details);
    }
}
