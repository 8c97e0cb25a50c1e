package uk.mashhub.consent.override;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.FieldNames;

/** What happened to an override; audited in the transaction of the change. */
public sealed interface OverrideEvent extends Auditable {

    /**
     * Recorded: audited as OverrideRecorded or BreakGlassRecorded. The justification stays in the
     * consent module; {@code citedGateway} is the override's gateway if it is on the partnership's
     * list, else empty (an override kept before the list may hold typed text, which must not reach
     * the permanent log).
     */
    record Recorded(SharingOverride override, String citedGateway) implements OverrideEvent {
        @Override
        public AuditEvent auditEvent() {
            return event(
                    override,
                    override.kind() == OverrideKind.BREAK_GLASS ? "BreakGlassRecorded" : "OverrideRecorded",
                    override.recordedBy(),
                    override.recordedAt(),
                    citedGateway);
        }
    }

    /** Reviewed: audited as OverrideApproved or OverrideRejected; {@code citedGateway} as for {@link Recorded}. */
    record Reviewed(SharingOverride override, String citedGateway) implements OverrideEvent {
        @Override
        public AuditEvent auditEvent() {
            var review = override.review();
            String type = (override.kind() == OverrideKind.BREAK_GLASS ? "BreakGlass" : "Override")
                    + (review.outcome() == ReviewOutcome.APPROVED ? "Approved" : "Rejected");
            return event(
                    override,
                    type,
                    java.util.Objects.requireNonNull(review.reviewer()),
                    java.util.Objects.requireNonNull(review.reviewedAt()),
                    citedGateway);
        }
    }

    private static AuditEvent event(
            SharingOverride override,
            String type,
            uk.mashhub.kernel.Actor actor,
            java.time.Instant at,
            String citedGateway) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("overrideId", override.id().toString());
        details.put("referralId", override.referral().toString());
        details.put("personId", override.person().toString());
        details.put("provider", override.scope().provider().value());
        details.put("recipient", override.recipient().value());
        details.put(
                "categories",
                override.scope().categories().stream().map(Enum::name).sorted().toList());
        if (override.scope().purpose() != null) {
            details.put("purpose", override.scope().purpose().value());
        }
        // names only: an override kept before field names were checked may hold free text, which
        // must not reach the permanent log
        List<String> fields = override.scope().fields().stream()
                .filter(FieldNames::isWellFormed)
                .toList();
        if (!fields.isEmpty()) {
            details.put("fields", fields);
        }
        details.put("gateway", citedGateway);
        details.put("expiresAt", override.expiresAt().toString());
        return new AuditEvent(AuditEvent.newId(), type, actor.agency(), actor.subject(), at, details);
    }
}
