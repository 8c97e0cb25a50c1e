package uk.mashhub.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.ChainVerification;

/**
 * Verification of the whole audit chain for auditors ({@code hub.audit}): every event's hash, the
 * sequence without gaps, the signed checkpoints against this hub's key, and the head. Each run is
 * itself audited. The answer holds no personal data, so any auditor of the partnership may ask.
 */
@RestController
@Tag(name = "Audit", description = "The audit chain, for auditors")
class AuditChainController {

    record Verification(
            boolean intact,
            long eventsChecked,
            long checkpointsVerified,
            long lastGoodSequence,
            @Nullable Long firstBadSequence,
            @Nullable String problem,
            long headSequence,
            String headHash,
            long relayedSequence,
            String checkpointKeyId) {}

    private final AuditChain chain;

    AuditChainController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping(path = "/api/audit/chain/verification", produces = "application/json")
    @Operation(
            summary = "Verify the whole audit chain now (hub.audit)",
            description =
                    "Names the first sequence number that does not hold, if any. The run is itself an audit event.")
    Verification verify(HubCaller caller) {
        ChainVerification verification = chain.verifyFor(caller.agency(), caller.subject());
        AuditChain.Status status = chain.status();
        return new Verification(
                verification.intact(),
                verification.eventsChecked(),
                verification.checkpointsVerified(),
                verification.lastGoodSequence(),
                verification.firstBadSequence(),
                verification.problem(),
                status.headSequence(),
                status.headHash(),
                status.relayedSequence(),
                chain.checkpointKeyId());
    }
}
