package uk.mashhub.api.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.consent.consents.Consent;
import uk.mashhub.consent.consents.Consents;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.Outcome;
import uk.mashhub.ingest.referral.Rag;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.ReferralStatus;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.ingest.signal.CrossAgencySignals;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.NotFound;

/**
 * The MASH practitioner's pages for referrals: the triage queue and one referral — who it is
 * about, the concerns, the consent position, the cross-agency flag with its evidence, the
 * timeline — with the triage actions the referral's state allows (rate, gather, decide, close).
 * The same services and rules as the API's {@link ReferralController}.
 */
@PageController
class ReferralPages {

    static final int QUEUE_PAGE = 25;

    /** A person on a referral, as the referring agency reported them. */
    record PersonView(
            String identityId,
            @Nullable String relationship,
            @Nullable Demographics reported) {

        public String name() {
            if (reported == null) {
                return "Not known";
            }
            return reported.givenName() == null
                    ? reported.familyName()
                    : reported.givenName() + " " + reported.familyName();
        }
    }

    /** One line of the queue. */
    record QueueLine(ReferralResource referral, PersonView subject) {}

    /** The queue's filters: codes only, so they may sit in the address. */
    record QueueFilters(
            @Nullable Rag rag,
            @Nullable ConcernCategory concern,
            @Nullable ReferralStatus status,
            boolean overdue) {}

    record RatingForm(
            @NotNull(message = "Select a RAG rating") Rag rag,

            @NotBlank(message = "Enter why you chose this rating")
            @Size(max = 4000, message = "The rationale must be 4,000 characters or fewer")
            String ratingRationale) {}

    record DecisionForm(
            @NotNull(message = "Select the outcome") Outcome outcome,

            @NotBlank(message = "Enter the rationale for the decision")
            @Size(max = 4000, message = "The rationale must be 4,000 characters or fewer")
            String decisionRationale) {}

    private final Referrals referrals;
    private final MashReferrals mashReferrals;
    private final CrossAgencySignals signals;
    private final Persons persons;
    private final Consents consents;
    private final Clock clock;

    ReferralPages(
            Referrals referrals,
            MashReferrals mashReferrals,
            CrossAgencySignals signals,
            Persons persons,
            Consents consents,
            Clock clock) {
        this.referrals = referrals;
        this.mashReferrals = mashReferrals;
        this.signals = signals;
        this.persons = persons;
        this.consents = consents;
        this.clock = clock;
    }

    /** Whether the page offers asking partners for records: that needs {@code hub.release} as well. */
    @ModelAttribute("mayRelease")
    boolean mayRelease(HubCaller caller) {
        return caller.scopes().contains(HubScope.RELEASE);
    }

    @GetMapping("/referrals")
    String queue(
            @RequestParam(required = false) @Nullable String rag,
            @RequestParam(required = false) @Nullable String concern,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "false") String overdue,
            @RequestParam(required = false) @Nullable String after,
            Model model) {
        // a filter value that is not in the vocabulary (an edited address) is ignored, never a failure
        var filters = new QueueFilters(
                parse(Rag.class, rag),
                parse(ConcernCategory.class, concern),
                parse(ReferralStatus.class, status),
                "true".equals(overdue));
        List<Referral> page = referrals.queue(
                new Referrals.QueueFilter(
                        filters.status() == null ? null : List.of(filters.status()),
                        filters.rag(),
                        filters.concern(),
                        filters.overdue()),
                after == null ? null : QueueCursors.read(after).orElse(null),
                QUEUE_PAGE);
        Instant now = clock.instant();
        var pageSignals = signals.forReferrals(page.stream().map(Referral::id).toList());
        Map<IdentityId, Demographics> reported =
                persons.demographicsOf(page.stream().map(Referral::subject).toList());
        model.addAttribute(
                "lines",
                page.stream()
                        .map(r -> new QueueLine(
                                ReferralResource.of(r, now, pageSignals.get(r.id())),
                                new PersonView(r.subject().toString(), null, reported.get(r.subject()))))
                        .toList());
        model.addAttribute("filters", filters);
        model.addAttribute(
                "filtered",
                filters.rag() != null || filters.concern() != null || filters.status() != null || filters.overdue());
        model.addAttribute("next", page.size() < QUEUE_PAGE ? null : QueueCursors.after(page.getLast()));
        model.addAttribute("after", after);
        model.addAttribute("rags", Rag.values());
        model.addAttribute("concerns", ConcernCategory.values());
        model.addAttribute(
                "statuses",
                Arrays.stream(ReferralStatus.values())
                        .filter(ReferralStatus::open)
                        .toList());
        return "referrals/queue";
    }

    @GetMapping("/referrals/{referralId}")
    String referral(@PathVariable String referralId, HubCaller caller, Model model) {
        return show(mashReferrals.open(referralId, caller), model, List.of());
    }

    @PostMapping("/referrals/{referralId}/rating")
    String rate(
            @PathVariable String referralId,
            @Valid @ModelAttribute("rating") RatingForm rating,
            BindingResult binding,
            HubCaller caller,
            Model model,
            RedirectAttributes redirect) {
        Referral referral = mashReferrals.open(referralId, caller);
        if (binding.hasErrors()) {
            // the model's entry is null when a forged choice could not be read; keep what was typed
            model.addAttribute("rating", rating);
            return show(referral, model, FormError.of(binding));
        }
        return act(
                referral,
                model,
                redirect,
                () -> referrals.rate(referral.id(), rating.rag(), rating.ratingRationale(), caller.actor()),
                "RAG rating set to " + rating.rag().name().toLowerCase(Locale.UK) + ".");
    }

    @PostMapping("/referrals/{referralId}/gathering")
    String gather(@PathVariable String referralId, HubCaller caller, Model model, RedirectAttributes redirect) {
        Referral referral = mashReferrals.open(referralId, caller);
        return act(
                referral,
                model,
                redirect,
                () -> referrals.startGathering(referral.id(), caller.actor()),
                "Gathering started: you can now request information from partners.");
    }

    @PostMapping("/referrals/{referralId}/decision")
    String decide(
            @PathVariable String referralId,
            @Valid @ModelAttribute("decision") DecisionForm decision,
            BindingResult binding,
            HubCaller caller,
            Model model,
            RedirectAttributes redirect) {
        Referral referral = mashReferrals.open(referralId, caller);
        if (binding.hasErrors()) {
            model.addAttribute("decision", decision); // as for the rating: keep what was typed
            return show(referral, model, FormError.of(binding));
        }
        return act(
                referral,
                model,
                redirect,
                () -> referrals.decide(referral.id(), decision.outcome(), decision.decisionRationale(), caller.actor()),
                "Outcome recorded.");
    }

    @PostMapping("/referrals/{referralId}/closure")
    String close(@PathVariable String referralId, HubCaller caller, Model model, RedirectAttributes redirect) {
        Referral referral = mashReferrals.open(referralId, caller);
        return act(referral, model, redirect, () -> referrals.close(referral.id(), caller.actor()), "Referral closed.");
    }

    /** Does what was asked; a rule of the hub it breaks is shown on the referral page, not as a failure. */
    private String act(
            Referral referral, Model model, RedirectAttributes redirect, Supplier<Referral> change, String done) {
        try {
            change.get();
        } catch (NotFound missing) {
            throw missing;
        } catch (HubProblem refused) {
            return show(referral, model, FormError.of(refused));
        }
        redirect.addFlashAttribute("done", done);
        return "redirect:/referrals/" + referral.id();
    }

    private static final Set<String> RATING_FIELDS = Set.of("rag", "ratingRationale");
    private static final Set<String> DECISION_FIELDS = Set.of("outcome", "decisionRationale");

    /**
     * The errors to show: a field's error only while its form is still on the page. A form sent from
     * a page the referral has since moved on from (someone else rated, decided or closed it) is no
     * longer offered; pointing at its fields would lead nowhere, so the page says what happened.
     */
    private static List<FormError> offered(
            List<FormError> errors, boolean ratingOffered, boolean decisionOffered, ReferralStatus now) {
        List<FormError> shown = errors.stream()
                .filter(error -> error.field() == null
                        || !(RATING_FIELDS.contains(error.field()) && !ratingOffered
                                || DECISION_FIELDS.contains(error.field()) && !decisionOffered))
                .toList();
        if (shown.size() == errors.size()) {
            return errors;
        }
        List<FormError> movedOn = new ArrayList<>();
        movedOn.add(new FormError(
                null,
                "This referral has moved on since you opened the page: it is now "
                        + now.name().toLowerCase(Locale.UK)
                        + ", so the form you sent is no longer offered. Nothing was changed."));
        movedOn.addAll(shown);
        return movedOn;
    }

    private String show(Referral referral, Model model, List<FormError> errors) {
        // re-read: an action that was refused may have been refused because the referral moved on
        Referral current = referrals
                .find(referral.id(), referral.referredBy().agency(), true)
                .orElse(referral);
        List<IdentityId> identities = new ArrayList<>();
        identities.add(current.subject());
        current.related().forEach(related -> identities.add(related.identity()));
        Map<IdentityId, Demographics> reported = persons.demographicsOf(identities);
        List<Consent> recorded = consents.history(persons.personOf(current.subject()));
        model.addAttribute(
                "referral", ReferralResource.of(current, clock.instant(), signals.forReferral(current.id())));
        model.addAttribute(
                "subject", new PersonView(current.subject().toString(), null, reported.get(current.subject())));
        model.addAttribute(
                "related",
                current.related().stream()
                        .map(r -> new PersonView(r.identity().toString(), r.relationship(), reported.get(r.identity())))
                        .toList());
        model.addAttribute("consents", recorded);
        model.addAttribute("timeline", referrals.timeline(current.id()).reversed());
        boolean ratingOffered = current.status().mayBeRated();
        boolean decisionOffered = current.status().mayBeDecided();
        model.addAttribute("ratingOffered", ratingOffered);
        model.addAttribute("decisionOffered", decisionOffered);
        model.addAttribute("errors", offered(errors, ratingOffered, decisionOffered, current.status()));
        model.addAttribute("rags", Rag.values());
        model.addAttribute("outcomes", Outcome.values());
        // absent, or null when a forged choice could not be read (its error is already in the summary)
        if (model.getAttribute("rating") == null) {
            model.addAttribute("rating", new RatingForm(current.rag(), ""));
        }
        if (model.getAttribute("decision") == null) {
            model.addAttribute("decision", new DecisionForm(null, ""));
        }
        return "referrals/referral";
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
