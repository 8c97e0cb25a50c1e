package uk.mashhub.api.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.PageController;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.ChainVerification;
import uk.mashhub.audit.reader.ReadModelStatus;
import uk.mashhub.audit.reader.Reconciliation;
import uk.mashhub.audit.reader.StreamReader;

/**
 * Whether auditors can trust what the disclosure log pages show ({@code hub.audit}): how far the
 * read model has read the disclosure stream, any gap or break in it, its reconciliation with the
 * source log (audited, as in the API) and, on request, a verification of the whole chain — a
 * POST, because it reads every event and is itself an audit event.
 */
@PageController
class AuditStatusPages {

    private final StreamReader reader;
    private final Reconciliation reconciliation;
    private final AuditChain chain;

    AuditStatusPages(StreamReader reader, Reconciliation reconciliation, AuditChain chain) {
        this.reader = reader;
        this.reconciliation = reconciliation;
        this.chain = chain;
    }

    /** How far the read model is behind the source log, with what it holds. */
    record Status(ReadModelStatus readModel, Reconciliation.Result reconciliation, long sourceHead, long lag) {}

    @GetMapping("/audit/status")
    String status(HubCaller caller, Model model) {
        return show(caller, model, null);
    }

    @PostMapping("/audit/status")
    String verify(HubCaller caller, Model model) {
        return show(caller, model, chain.verifyFor(caller.agency(), caller.subject()));
    }

    private String show(HubCaller caller, Model model, @Nullable ChainVerification verification) {
        ReadModelStatus readModel = reader.status();
        Reconciliation.Result result = reconciliation.runFor(DisclosureLogPages.viewer(caller));
        long head = result.sourceHead();
        model.addAttribute("status", new Status(readModel, result, head, Math.max(0, head - readModel.position())));
        model.addAttribute("verification", verification);
        model.addAttribute("checkpointKeyId", chain.checkpointKeyId());
        return "audit/status";
    }
}
