package uk.mashhub.consent.agreement;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;

/** What happened to an agreement; each is audited in the transaction of the change. */
public sealed interface AgreementEvent extends Auditable {

    AgreementRef agreement();

    Actor actor();

    Instant at();

    /** Identifiers and codes beyond the agreement itself. */
    default Map<String, Object> extra() {
        return Map.of();
    }

    @Override
    default AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agreementId", agreement().id().toString());
        details.put("agreementVersion", agreement().version());
        details.putAll(extra());
        return new AuditEvent(
                AuditEvent.newId(),
                "Agreement" + getClass().getSimpleName(),
                actor().agency(),
                actor().subject(),
                at(),
                details);
    }

    record Drafted(AgreementRef agreement, Actor actor, Instant at, String termsDigest) implements AgreementEvent {
        @Override
        public Map<String, Object> extra() {
            return Map.of("termsDigest", termsDigest);
        }
    }

    record Edited(AgreementRef agreement, Actor actor, Instant at, String termsDigest) implements AgreementEvent {
        @Override
        public Map<String, Object> extra() {
            return Map.of("termsDigest", termsDigest);
        }
    }

    record Signed(AgreementRef agreement, Actor actor, Instant at, AgencyId party, String termsDigest)
            implements AgreementEvent {
        @Override
        public Map<String, Object> extra() {
            return Map.of("party", party.value(), "termsDigest", termsDigest);
        }
    }

    record Activated(AgreementRef agreement, Actor actor, Instant at) implements AgreementEvent {}

    record Suspended(AgreementRef agreement, Actor actor, Instant at) implements AgreementEvent {}

    record Resumed(AgreementRef agreement, Actor actor, Instant at) implements AgreementEvent {}

    record Terminated(AgreementRef agreement, Actor actor, Instant at) implements AgreementEvent {}

    record Superseded(AgreementRef agreement, Actor actor, Instant at, int byVersion) implements AgreementEvent {
        @Override
        public Map<String, Object> extra() {
            return Map.of("supersededByVersion", byVersion);
        }
    }
}
