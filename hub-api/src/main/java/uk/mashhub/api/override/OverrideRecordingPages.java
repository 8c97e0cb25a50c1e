package uk.mashhub.api.override;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.agreement.AgreedPurposes;
import uk.mashhub.api.referral.MashReferrals;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.OverrideRequest;
import uk.mashhub.consent.override.OverrideScope;
import uk.mashhub.consent.override.Overrides;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;

/**
 * A practitioner records an override (sharing without consent under an agreement's purpose, on a
 * justification) or a break-glass (emergency sharing of named fields outside any agreement) for a
 * referral. Both go to the data owner's reviewer; the same rules as the API's
 * {@link OverrideController}.
 */
@PageController
class OverrideRecordingPages {

    /** How long the override may be relied on; the hub caps each kind (72 hours for a break-glass by default). */
    enum Lasting {
        HOURS_24(Duration.ofHours(24), "24 hours"),
        HOURS_72(Duration.ofHours(72), "72 hours"),
        DAYS_30(Duration.ofDays(30), "30 days"),
        DAYS_90(Duration.ofDays(90), "90 days");

        final Duration duration;
        final String words;

        Lasting(Duration duration, String words) {
            this.duration = duration;
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A person the override can be about: the referral's subject or a related person. */
    record PersonChoice(String personId, String name, String role) {}

    record OverrideForm(
            @NotNull(message = "Select override or break-glass") @Nullable
            OverrideKind kind,

            @NotBlank(message = "Select who the information is about") @Nullable
            String personId,

            @NotBlank(message = "Select the agency that holds the information") @Nullable
            String provider,

            @NotEmpty(message = "Select at least one kind of record") @Nullable
            List<DataCategory> categories,

            @Nullable String purpose,
            @Nullable String fields,

            @NotBlank(message = "Enter why sharing without consent is necessary")
            @Size(max = 4000, message = "The justification must be 4,000 characters or fewer")
            @Nullable
            String justification,

            @NotBlank(message = "Choose the legal gateway you rely on")
            @Size(max = 200, message = "Choose the legal gateway you rely on")
            @Nullable
            String gateway,

            @NotNull(message = "Select how long it should last") @Nullable
            Lasting lasting) {}

    private final Overrides overrides;
    private final MashReferrals referrals;
    private final Persons persons;
    private final AgreedPurposes purposes;
    private final Agencies agencies;
    private final Clock clock;

    OverrideRecordingPages(
            Overrides overrides,
            MashReferrals referrals,
            Persons persons,
            AgreedPurposes purposes,
            Agencies agencies,
            Clock clock) {
        this.overrides = overrides;
        this.referrals = referrals;
        this.persons = persons;
        this.purposes = purposes;
        this.agencies = agencies;
        this.clock = clock;
    }

    @GetMapping("/referrals/{referralId}/overrides/new")
    String form(@PathVariable String referralId, HubCaller caller, Model model) {
        var empty = new OverrideForm(null, null, null, List.of(), null, null, null, null, null);
        return form(referrals.open(referralId, caller), caller, empty, List.of(), model);
    }

    @PostMapping("/referrals/{referralId}/overrides")
    String record(
            @PathVariable String referralId,
            @Valid @ModelAttribute("override") OverrideForm form,
            BindingResult binding,
            HubCaller caller,
            Model model,
            RedirectAttributes redirect) {
        Referral referral = referrals.open(referralId, caller);
        List<FormError> errors = new ArrayList<>(FormError.of(binding));
        if (form.kind() == OverrideKind.OVERRIDE && blank(form.purpose())) {
            errors.add(new FormError("purpose", "Select the purpose the override is for"));
        }
        List<String> fields = form.fields() == null
                ? List.of()
                : Arrays.stream(form.fields().split("[,\\n]"))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .toList();
        Set<DataCategory> categories = FormError.chosen(form.categories());
        if (categories.isEmpty() && binding.getFieldError("categories") == null) {
            // only a forged form sends a blank choice; treated as none chosen
            errors.add(new FormError("categories", "Select at least one kind of record"));
        }
        if (form.kind() == OverrideKind.BREAK_GLASS && fields.isEmpty()) {
            errors.add(new FormError("fields", "Enter the fields you need, separated by commas"));
        }
        if (!errors.isEmpty()) {
            return form(referral, caller, form, errors, model);
        }
        try {
            overrides.record(
                    new OverrideRequest(
                            form.kind(),
                            referral.id(),
                            referrals.personOf(referral, form.personId()),
                            form.justification(),
                            form.gateway(),
                            new OverrideScope(
                                    new AgencyId(form.provider()),
                                    categories,
                                    form.kind() == OverrideKind.OVERRIDE ? new PurposeCode(form.purpose()) : null,
                                    form.kind() == OverrideKind.BREAK_GLASS ? fields : List.of()),
                            clock.instant().plus(form.lasting().duration)),
                    caller.actor());
        } catch (NotFound missing) {
            throw missing;
        } catch (HubProblem | IllegalArgumentException refused) {
            // IllegalArgumentException: an id or code altered in the page, which the value types refuse
            return form(
                    referral,
                    caller,
                    form,
                    refused instanceof HubProblem problem
                            ? FormError.of(problem)
                            : List.of(new FormError(null, "Choose from the options shown")),
                    model);
        }
        redirect.addFlashAttribute(
                "done",
                (form.kind() == OverrideKind.BREAK_GLASS ? "Break-glass" : "Override")
                        + " recorded. The reviewer of the agency that holds the information will review it.");
        return "redirect:/referrals/" + referral.id();
    }

    private String form(Referral referral, HubCaller caller, OverrideForm form, List<FormError> errors, Model model) {
        List<IdentityId> identities = new ArrayList<>();
        identities.add(referral.subject());
        referral.related().forEach(related -> identities.add(related.identity()));
        Map<IdentityId, Demographics> reported = persons.demographicsOf(identities);
        Map<IdentityId, PersonId> personIds = persons.personsOf(identities);
        List<PersonChoice> people = new ArrayList<>();
        people.add(choice(referral.subject(), "subject of the referral", reported, personIds));
        referral.related()
                .forEach(related -> people.add(choice(
                        related.identity(),
                        related.relationship() == null ? "related person" : related.relationship(),
                        reported,
                        personIds)));
        model.addAttribute("referralId", referral.id().toString());
        model.addAttribute("people", people);
        model.addAttribute(
                "providers",
                agencies.all().stream()
                        .filter(agency -> agency.status() == AgencyStatus.ACTIVE)
                        .toList());
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("purposes", purposes.overridableFor(caller.agency()));
        model.addAttribute("lastings", Lasting.values());
        model.addAttribute("gateways", overrides.gateways());
        model.addAttribute("override", form);
        model.addAttribute("errors", errors);
        return "referrals/override";
    }

    private static PersonChoice choice(
            IdentityId identity, String role, Map<IdentityId, Demographics> reported, Map<IdentityId, PersonId> ids) {
        Demographics d = reported.get(identity);
        String name = d == null ? "Not known" : (d.givenName() == null ? "" : d.givenName() + " ") + d.familyName();
        return new PersonChoice(ids.get(identity).toString(), name, role);
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
