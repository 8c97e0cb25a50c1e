package uk.mashhub.api.override;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.AgencyNames;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.Labels;
import uk.mashhub.api.web.PageController;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.Overrides;
import uk.mashhub.consent.override.ReviewOutcome;
import uk.mashhub.consent.override.SharingOverride;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;

/**
 * The override and break-glass review pages for the data owner's Caldicott Guardian or DPO
 * ({@code hub.review}): the queue of what waits for review over their agency's data, each one in
 * full, and the review itself — approve or reject, always with a rationale. The same visibility as
 * the API: the queue holds only overrides over the reviewer's agency's data; one override is shown
 * to the agency that recorded it or the one whose data it covers, and reviewed only by the latter.
 */
@PageController
class OverrideReviewPages {

    /** What the review form posts: the outcome as the domain names it, and the rationale. */
    record ReviewForm(@Nullable String outcome, @Nullable String note) {}

    /** One override as the pages show it. */
    record OverrideView(
            String href,
            String id,
            boolean breakGlass,
            String kind,
            String referral,
            String recordedBy,
            String recordedByAgency,
            String recordedAt,
            String expiresAt,
            boolean expired,
            String dataOwner,
            String purpose,
            List<String> categories,
            List<String> fields,
            String justification,
            String shortJustification,
            @Nullable String gateway,
            String review,
            @Nullable String reviewNote,
            @Nullable String reviewedBy,
            @Nullable String reviewedAt,
            boolean reviewable) {

        static OverrideView of(SharingOverride override, Map<AgencyId, String> names, AgencyId viewer, Instant now) {
            var review = override.review();
            String justification = override.justification();
            return new OverrideView(
                    "/overrides/" + override.id(),
                    override.id().toString(),
                    override.kind() == OverrideKind.BREAK_GLASS,
                    override.kind() == OverrideKind.BREAK_GLASS ? "Break-glass" : "Override",
                    override.referral().toString(),
                    override.recordedBy().subject(),
                    name(names, override.recordedBy().agency()),
                    Labels.timeOf(override.recordedAt()),
                    Labels.timeOf(override.expiresAt()),
                    !now.isBefore(override.expiresAt()),
                    name(names, override.scope().provider()),
                    override.scope().purpose() == null
                            ? "None: emergency sharing outside any agreement"
                            : Labels.words(override.scope().purpose().value()),
                    override.scope().categories().stream()
                            .sorted()
                            .map(category -> Labels.words(category.name()))
                            .toList(),
                    override.scope().fields(),
                    justification,
                    justification.length() <= 160
                            ? justification
                            : justification.substring(0, 157).strip() + "…",
                    override.gateway(),
                    switch (review.outcome()) {
                        case PENDING -> "Waiting for review";
                        case APPROVED -> "Approved";
                        case REJECTED -> "Rejected";
                    },
                    review.note(),
                    review.reviewer() == null
                            ? null
                            : review.reviewer().subject() + ", "
                                    + name(names, review.reviewer().agency()),
                    review.reviewedAt() == null ? null : Labels.timeOf(review.reviewedAt()),
                    review.outcome() == ReviewOutcome.PENDING
                            && override.scope().provider().equals(viewer));
        }
    }

    private final Overrides overrides;
    private final AgencyNames agencyNames;
    private final Clock clock;

    OverrideReviewPages(Overrides overrides, AgencyNames agencyNames, Clock clock) {
        this.overrides = overrides;
        this.agencyNames = agencyNames;
        this.clock = clock;
    }

    @GetMapping("/overrides")
    String queue(HubCaller caller, Model model) {
        var names = agencyNames.byId();
        Instant now = clock.instant();
        model.addAttribute(
                "overrides",
                overrides.reviewQueue(caller.agency()).stream()
                        .map(override -> OverrideView.of(override, names, caller.agency(), now))
                        .toList());
        model.addAttribute("agency", name(names, caller.agency()));
        return "overrides/queue";
    }

    @GetMapping("/overrides/{overrideId}")
    String override(@PathVariable String overrideId, HubCaller caller, Model model) {
        model.addAttribute("form", new ReviewForm(null, null));
        return overridePage(id(overrideId), caller, model, List.of());
    }

    @PostMapping("/overrides/{overrideId}/review")
    String review(
            @PathVariable String overrideId,
            @ModelAttribute("form") ReviewForm form,
            HubCaller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        OverrideId id = id(overrideId);
        List<FormError> errors = new ArrayList<>();
        ReviewOutcome outcome = null;
        if ("APPROVED".equals(form.outcome())) {
            outcome = ReviewOutcome.APPROVED;
        } else if ("REJECTED".equals(form.outcome())) {
            outcome = ReviewOutcome.REJECTED;
        } else {
            errors.add(new FormError("outcome", "Select whether you approve or reject the sharing"));
        }
        String note = form.note() == null ? "" : form.note().strip();
        if (note.isEmpty()) {
            errors.add(new FormError("note", "Enter the rationale for your decision"));
        } else if (note.length() > 4000) {
            errors.add(new FormError("note", "The rationale must be 4000 characters or fewer"));
        }
        if (outcome != null && errors.isEmpty()) {
            try {
                SharingOverride reviewed = overrides.review(id, outcome, note, caller.actor());
                redirect.addFlashAttribute(
                        "done",
                        (reviewed.kind() == OverrideKind.BREAK_GLASS ? "Break-glass " : "Override ")
                                + (outcome == ReviewOutcome.APPROVED ? "approved" : "rejected"));
                redirect.addFlashAttribute(
                        "doneDetail",
                        outcome == ReviewOutcome.APPROVED
                                ? "Your review is recorded in the disclosure log and the override has left the queue."
                                : "Your review is recorded in the disclosure log. The override permits no further"
                                        + " release, and it has left the queue.");
                return "redirect:/overrides";
            } catch (NotFound notFound) {
                throw notFound;
            } catch (HubProblem refused) {
                response.setStatus(refused.type().status());
                return overridePage(id, caller, model, FormError.of(refused));
            }
        }
        response.setStatus(400);
        return overridePage(id, caller, model, errors);
    }

    private String overridePage(OverrideId id, HubCaller caller, Model model, List<FormError> errors) {
        SharingOverride override = overrides.find(id, caller.agency()).orElseThrow(() -> new NotFound("override"));
        model.addAttribute("override", OverrideView.of(override, agencyNames.byId(), caller.agency(), clock.instant()));
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", FormError.byField(errors));
        return "overrides/override";
    }

    private static String name(Map<AgencyId, String> names, AgencyId agency) {
        return names.getOrDefault(agency, agency.value());
    }

    private static OverrideId id(String overrideId) {
        try {
            return OverrideId.parse(overrideId);
        } catch (InvalidValue notAnId) {
            // a mistyped address is a page that is not there
            throw new NotFound("override");
        }
    }
}
