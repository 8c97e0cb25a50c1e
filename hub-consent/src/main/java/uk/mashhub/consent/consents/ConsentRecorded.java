package uk.mashhub.consent.consents;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;

/** A consent entry was recorded; audited as ConsentGiven, ConsentRefused or ConsentWithdrawn. */
public record ConsentRecorded(Consent consent) implements Auditable {

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consentId", consent.id().toString());
        details.put("personId", consent.person().toString());
        details.put("givenBy", consent.givenBy().name());
        details.put(
                "purposes",
                consent.scope().purposes().stream()
                        .map(Object::toString)
                        .sorted()
                        .toList());
        details.put(
                "categories",
                consent.scope().categories().stream().map(Enum::name).sorted().toList());
        details.put(
                "recipients",
                consent.scope().everyParty()
                        ? "EVERY_PARTY"
                        : consent.scope().recipients().stream()
                                .map(Object::toString)
                                .sorted()
                                .toList());
        if (consent.evidence() != null) {
            details.put(
                    "form",
                    consent.evidence().formId() + "@" + consent.evidence().version());
        }
        if (consent.withdraws() != null) {
            details.put("withdraws", consent.withdraws().toString());
        }
        String type =
                switch (consent.status()) {
                    case GIVEN -> "ConsentGiven";
                    case REFUSED -> "ConsentRefused";
                    case WITHDRAWN -> "ConsentWithdrawn";
                };
        return new AuditEvent(
                AuditEvent.newId(),
                type,
                consent.recordedBy().agency(),
                consent.recordedBy().subject(),
                consent.recordedAt(),
                details);
    }
}
