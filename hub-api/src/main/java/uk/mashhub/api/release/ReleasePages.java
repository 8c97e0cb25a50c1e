package uk.mashhub.api.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.agreement.AgreedPurposes;
import uk.mashhub.api.referral.MashReferrals;
import uk.mashhub.api.release.ReleaseController.DisclosureResource;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * A practitioner asks partners for records about a referral's subject and linked persons, for a
 * purpose, by category and provider; each record is decided and audited on its own, exactly as
 * through the API. The answer — released fields with their reason and receipt, or the reasons a
 * record was not released — is shown once, right after asking: it is not kept by the hub, and
 * asking again is a new, audited request.
 */
@PageController
class ReleasePages {

    record RequestForm(
            @NotBlank(message = "Select the purpose you need the information for") @Nullable
            String purpose,

            @Nullable List<DataCategory> categories,
            @Nullable List<String> providers) {}

    /** What the page shows of one answer. */
    record Answer(String purpose, int permitted, int denied, boolean complete, List<DisclosureResource> disclosures) {}

    private final Disclosures disclosures;
    private final MashReferrals referrals;
    private final AgreedPurposes purposes;
    private final Agencies agencies;

    ReleasePages(Disclosures disclosures, MashReferrals referrals, AgreedPurposes purposes, Agencies agencies) {
        this.disclosures = disclosures;
        this.referrals = referrals;
        this.purposes = purposes;
        this.agencies = agencies;
    }

    @GetMapping("/referrals/{referralId}/requests/new")
    String form(@PathVariable String referralId, HubCaller caller, Model model) {
        requireRelease(caller);
        return form(
                referrals.open(referralId, caller).id(),
                caller,
                new RequestForm(null, List.of(), List.of()),
                List.of(),
                model);
    }

    @PostMapping("/referrals/{referralId}/requests")
    String ask(
            @PathVariable String referralId,
            @Valid @ModelAttribute("request") RequestForm request,
            BindingResult binding,
            HubCaller caller,
            Model model,
            RedirectAttributes redirect) {
        ReferralId referral = referrals.open(referralId, caller).id();
        requireRelease(caller);
        if (binding.hasErrors()) {
            return form(referral, caller, request, FormError.of(binding), model);
        }
        Disclosures.Outcome outcome;
        try {
            outcome = disclosures.release(
                    new Disclosures.Ask(
                            referral,
                            new PurposeCode(request.purpose()),
                            null,
                            FormError.chosen(request.categories()),
                            request.providers() == null
                                    ? Set.of()
                                    : request.providers().stream()
                                            .filter(AgencyId::isValid)
                                            .map(AgencyId::new)
                                            .collect(Collectors.toSet()),
                            ReleaseController.DEFAULT_LIMIT),
                    caller);
        } catch (HubProblem refused) {
            return form(referral, caller, request, FormError.of(refused), model);
        }
        List<DisclosureResource> shown =
                outcome.disclosures().stream().map(DisclosureResource::of).toList();
        int permitted =
                (int) shown.stream().filter(d -> d.decision().equals("PERMIT")).count();
        redirect.addFlashAttribute(
                "answer",
                new Answer(outcome.purpose().value(), permitted, shown.size() - permitted, outcome.complete(), shown));
        return "redirect:/referrals/" + referral + "/released";
    }

    @GetMapping("/referrals/{referralId}/released")
    String released(@PathVariable String referralId, HubCaller caller, Model model) {
        model.addAttribute("referralId", referrals.open(referralId, caller).id().toString());
        return "referrals/released";
    }

    private String form(
            ReferralId referral, HubCaller caller, RequestForm request, List<FormError> errors, Model model) {
        model.addAttribute("referralId", referral.toString());
        model.addAttribute("purposes", purposes.of(caller.agency()));
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute(
                "providers",
                agencies.all().stream()
                        .filter(agency -> agency.status() == AgencyStatus.ACTIVE)
                        .toList());
        model.addAttribute("request", request);
        model.addAttribute("errors", errors);
        return "referrals/request";
    }

    private static void requireRelease(HubCaller caller) {
        if (!caller.scopes().contains(HubScope.RELEASE)) {
            throw new AccessDeniedException("asking for records needs hub.release");
        }
    }
}
