package uk.mashhub.api.agreement;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.agreement.AgreementViews.Names;
import uk.mashhub.api.agreement.AgreementViews.Row;
import uk.mashhub.api.agreement.AgreementViews.VersionView;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.AgencyNames;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.consent.agreement.AgreementId;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.SharingAgreements;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.NotFound;

/**
 * The agreement pages: the agreements a person's agency is party to, each version in full, and —
 * for information governance ({@code hub.govern}) — signing for their own agency and the lifecycle
 * steps. A reviewer without {@code hub.govern} reads them only. The same rules as the API: only
 * parties see an agreement, and the agreement itself refuses what its lifecycle does not allow.
 */
@PageController
class AgreementPages {

    /** What the signing page posts; {@code termsDigest} is the text the signer was shown. */
    record SignatureForm(
            @Nullable String signatoryName,
            @Nullable String signatoryRole,
            @Nullable String termsDigest) {}

    record ReasonForm(@Nullable String reason) {}

    /** Suspending and terminating share one page: what differs is said here. */
    private enum Step {
        SUSPEND("suspension", "Suspend this agreement", "Suspend agreement", "suspending"),
        TERMINATE("termination", "End this agreement for good", "Terminate agreement", "ending");

        final String path;
        final String heading;
        final String button;
        final String doing;

        Step(String path, String heading, String button, String doing) {
            this.path = path;
            this.heading = heading;
            this.button = button;
            this.doing = doing;
        }
    }

    private static final String VERSION = "/agreements/{agreementId}/versions/{version}";

    private final SharingAgreements agreements;
    private final AgencyNames agencyNames;
    private final Clock clock;

    AgreementPages(SharingAgreements agreements, AgencyNames agencyNames, Clock clock) {
        this.agreements = agreements;
        this.agencyNames = agencyNames;
        this.clock = clock;
    }

    @GetMapping("/agreements")
    String list(HubCaller caller, Model model) {
        Names names = names();
        List<Row> rows = agreements.agreementsOf(caller.agency()).stream()
                .map(version -> Row.of(version, names, today()))
                .toList();
        model.addAttribute("agreements", rows);
        return "agreements/list";
    }

    /** An agreement's address without a version: its newest version. */
    @GetMapping("/agreements/{agreementId}")
    String newest(@PathVariable String agreementId, HubCaller caller) {
        List<AgreementVersion> versions = agreements.versions(id(agreementId), caller.agency());
        if (versions.isEmpty()) {
            throw new NotFound("agreement");
        }
        return "redirect:" + AgreementViews.path(versions.getLast().ref());
    }

    @GetMapping(VERSION)
    String version(@PathVariable String agreementId, @PathVariable int version, HubCaller caller, Model model) {
        return versionPage(ref(agreementId, version), caller, model);
    }

    /**
     * The signing form carries the digest of the text the person read on the version page
     * ({@code read}), so a draft changed in between is refused when they sign, not signed unseen.
     */
    @GetMapping(VERSION + "/signatures")
    String signing(
            @PathVariable String agreementId,
            @PathVariable int version,
            @RequestParam(required = false) @Nullable String read,
            HubCaller caller,
            Model model) {
        requireGovern(caller);
        AgreementVersion shown = visible(ref(agreementId, version), caller);
        model.addAttribute("form", new SignatureForm(null, null, read == null ? shown.termsDigest() : read));
        return signingPage(shown, caller, model, List.of());
    }

    @PostMapping(VERSION + "/signatures")
    String sign(
            @PathVariable String agreementId,
            @PathVariable int version,
            @ModelAttribute("form") SignatureForm form,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        requireGovern(caller);
        AgreementRef ref = ref(agreementId, version);
        List<FormError> errors = signatureErrors(form);
        if (errors.isEmpty()) {
            try {
                agreements.sign(
                        ref,
                        new SharingAgreements.Signing(
                                form.signatoryName().strip(),
                                form.signatoryRole().strip(),
                                caller.agency(),
                                form.termsDigest()),
                        caller.actor());
                redirect.addFlashAttribute(
                        "done", "You signed version " + version + " for " + names().of(caller.agency()) + ".");
                return "redirect:" + AgreementViews.path(ref);
            } catch (NotFound notFound) {
                throw notFound;
            } catch (HubProblem refused) {
                errors = FormError.of(refused);
                response.setStatus(refused.type().status());
            }
        } else {
            response.setStatus(400);
        }
        return signingPage(visible(ref, caller), caller, model, errors);
    }

    @PostMapping(VERSION + "/activation")
    String activate(
            @PathVariable String agreementId,
            @PathVariable int version,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgreementRef ref = ref(agreementId, version);
        return lifecycleStep(
                ref,
                () -> agreements.activate(ref, caller.actor()),
                "Version " + version + " is now in force.",
                caller,
                model,
                response,
                redirect);
    }

    @PostMapping(VERSION + "/resumption")
    String resume(
            @PathVariable String agreementId,
            @PathVariable int version,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        AgreementRef ref = ref(agreementId, version);
        return lifecycleStep(
                ref,
                () -> agreements.resume(ref, caller.actor()),
                "Version " + version + " is in force again.",
                caller,
                model,
                response,
                redirect);
    }

    /** A step without a form (activate, resume): done, or refused with the hub's reason on the version's page. */
    private String lifecycleStep(
            AgreementRef ref,
            Runnable step,
            String done,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        requireGovern(caller);
        try {
            step.run();
        } catch (NotFound notFound) {
            throw notFound;
        } catch (HubProblem refused) {
            response.setStatus(refused.type().status());
            model.addAttribute("errors", FormError.of(refused));
            return versionPage(ref, caller, model);
        }
        redirect.addFlashAttribute("done", done);
        return "redirect:" + AgreementViews.path(ref);
    }

    @GetMapping(VERSION + "/suspension")
    String suspension(@PathVariable String agreementId, @PathVariable int version, HubCaller caller, Model model) {
        return reasonPage(Step.SUSPEND, agreementId, version, caller, model);
    }

    @PostMapping(VERSION + "/suspension")
    String suspend(
            @PathVariable String agreementId,
            @PathVariable int version,
            @ModelAttribute("form") ReasonForm form,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return step(Step.SUSPEND, agreementId, version, form, caller, model, response, redirect);
    }

    @GetMapping(VERSION + "/termination")
    String termination(@PathVariable String agreementId, @PathVariable int version, HubCaller caller, Model model) {
        return reasonPage(Step.TERMINATE, agreementId, version, caller, model);
    }

    @PostMapping(VERSION + "/termination")
    String terminate(
            @PathVariable String agreementId,
            @PathVariable int version,
            @ModelAttribute("form") ReasonForm form,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return step(Step.TERMINATE, agreementId, version, form, caller, model, response, redirect);
    }

    private String reasonPage(Step step, String agreementId, int version, HubCaller caller, Model model) {
        requireGovern(caller);
        AgreementVersion shown = visible(ref(agreementId, version), caller);
        model.addAttribute("form", new ReasonForm(null));
        return reasonPage(step, shown, caller, model, List.of());
    }

    private String step(
            Step step,
            String agreementId,
            int version,
            ReasonForm form,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        requireGovern(caller);
        AgreementRef ref = ref(agreementId, version);
        String reason = form.reason() == null ? "" : form.reason().strip();
        List<FormError> errors;
        if (reason.isEmpty()) {
            errors = List.of(new FormError("reason", "Enter why you are " + step.doing + " the agreement"));
            response.setStatus(400);
        } else if (reason.length() > 1000) {
            errors = List.of(new FormError("reason", "The reason must be 1000 characters or fewer"));
            response.setStatus(400);
        } else {
            try {
                if (step == Step.SUSPEND) {
                    agreements.suspend(ref, reason, caller.actor());
                    redirect.addFlashAttribute(
                            "done", "Version " + version + " is suspended: it permits no sharing until resumed.");
                } else {
                    agreements.terminate(ref, reason, caller.actor());
                    redirect.addFlashAttribute("done", "Version " + version + " is terminated.");
                }
                return "redirect:" + AgreementViews.path(ref);
            } catch (NotFound notFound) {
                throw notFound;
            } catch (HubProblem refused) {
                errors = FormError.of(refused);
                response.setStatus(refused.type().status());
            }
        }
        return reasonPage(step, visible(ref, caller), caller, model, errors);
    }

    private String versionPage(AgreementRef ref, HubCaller caller, Model model) {
        AgreementVersion shown = visible(ref, caller);
        List<AgreementVersion> all = agreements.versions(ref.id(), caller.agency());
        model.addAttribute("agreement", VersionView.of(shown, all, names(), caller, today()));
        return "agreements/version";
    }

    private String signingPage(AgreementVersion shown, HubCaller caller, Model model, List<FormError> errors) {
        model.addAttribute("agreement", VersionView.of(shown, List.of(), names(), caller, today()));
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", FormError.byField(errors));
        return "agreements/sign";
    }

    private String reasonPage(
            Step step, AgreementVersion shown, HubCaller caller, Model model, List<FormError> errors) {
        model.addAttribute("agreement", VersionView.of(shown, List.of(), names(), caller, today()));
        model.addAttribute("heading", step.heading);
        model.addAttribute("button", step.button);
        model.addAttribute("action", AgreementViews.path(shown.ref()) + "/" + step.path);
        model.addAttribute("terminating", step == Step.TERMINATE);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", FormError.byField(errors));
        return "agreements/reason";
    }

    private static List<FormError> signatureErrors(SignatureForm form) {
        return Stream.of(
                        required(form.signatoryName(), "signatoryName", "Enter the name of the person signing"),
                        required(
                                form.signatoryRole(),
                                "signatoryRole",
                                "Enter the role they sign in, for example Caldicott Guardian"))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<FormError> required(@Nullable String value, String field, String missing) {
        if (value == null || value.isBlank()) {
            return Optional.of(new FormError(field, missing));
        }
        if (value.strip().length() > 200) {
            return Optional.of(new FormError(field, "This must be 200 characters or fewer"));
        }
        return Optional.empty();
    }

    private AgreementVersion visible(AgreementRef ref, HubCaller caller) {
        return agreements.version(ref, caller.agency()).orElseThrow(() -> new NotFound("agreement version"));
    }

    private Names names() {
        return new Names(agencyNames.byId());
    }

    private LocalDate today() {
        return LocalTime.today(clock.instant());
    }

    /** Reading is open to reviewers; signing and the lifecycle steps need {@code hub.govern}, as in the API. */
    private static void requireGovern(HubCaller caller) {
        if (!caller.scopes().contains(HubScope.GOVERN)) {
            throw new AccessDeniedException("changing an agreement needs hub.govern");
        }
    }

    private static AgreementId id(String agreementId) {
        try {
            return AgreementId.parse(agreementId);
        } catch (InvalidValue notAnId) {
            // a mistyped address is a page that is not there, not a form error
            throw new NotFound("agreement");
        }
    }

    private static AgreementRef ref(String agreementId, int version) {
        if (version < 1) {
            throw new NotFound("agreement version");
        }
        return new AgreementRef(id(agreementId), version);
    }
}
