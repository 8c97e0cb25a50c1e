package uk.mashhub.api.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.audit.AuditReceipt;
import uk.mashhub.audit.reader.DisclosureLog;
import uk.mashhub.audit.reader.Exemption;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;

/**
 * Withholding an entry of a person's report from their subject access answer, and ending it, from
 * the subject report page. Like the API it needs {@code hub.audit} (the address) and
 * {@code hub.review} (checked here): deciding an exemption is a reviewer's call. Each is an audit
 * event; the report shows it once the read model has read that event.
 */
@PageController
class SubjectAccessWithholdings {

    /** The exemptions in words, in the order the form offers them. */
    static final Map<String, String> EXEMPTIONS = exemptions();

    private final DisclosureLog log;

    SubjectAccessWithholdings(DisclosureLog log) {
        this.log = log;
    }

    /** The withholding form as posted; checked here so that a bad answer is an error summary, never a 500. */
    record WithholdingForm(
            @Nullable String sequence,
            @Nullable String exemption,
            @Nullable String reference) {

        List<FormError> problems() {
            List<FormError> errors = new ArrayList<>();
            if (sequence == null || sequence.isBlank()) {
                errors.add(new FormError("sequence", "Enter the number of the entry to withhold"));
            } else if (!sequence.strip().matches("[0-9]{1,18}")) {
                errors.add(new FormError("sequence", "Enter the entry’s number as shown in the report, like 1234"));
            }
            if (exemption == null || !EXEMPTIONS.containsKey(exemption)) {
                errors.add(new FormError("exemption", "Choose the exemption the entry is withheld on"));
            }
            if (reference != null
                    && !reference.isBlank()
                    && !reference.strip().matches("[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}")) {
                errors.add(new FormError(
                        "reference",
                        "Enter the case or ticket reference in letters, digits and / _ . - only, up to 64 characters"));
            }
            return errors;
        }
    }

    @PostMapping("/audit/subjects/{personId}/withholdings")
    String withhold(
            HubCaller caller,
            @PathVariable String personId,
            @ModelAttribute WithholdingForm form,
            RedirectAttributes redirect) {
        requireReviewer(caller);
        String id = PersonId.parse(personId).toString();
        String report = "redirect:/audit/subjects/" + id;
        List<FormError> errors = form.problems();
        if (errors.isEmpty()) {
            long sequence = Long.parseLong(String.valueOf(form.sequence()).strip());
            String reference = form.reference() == null || form.reference().isBlank()
                    ? null
                    : form.reference().strip();
            try {
                AuditReceipt receipt = log.withhold(
                        id,
                        sequence,
                        Exemption.valueOf(String.valueOf(form.exemption())),
                        reference,
                        DisclosureLogPages.viewer(caller));
                redirect.addFlashAttribute(
                        "notice",
                        "Entry " + sequence + " is withheld from this person’s subject access answer. The report shows"
                                + " it as withheld once the log has read event " + receipt.sequence() + ".");
                return report;
            } catch (NotFound e) {
                errors = List.of(new FormError("sequence", "There is no entry " + sequence + " about this person"));
            }
        }
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("withholding", form);
        return report + "#withhold";
    }

    @PostMapping("/audit/subjects/{personId}/withholdings/{sequence}/end")
    String end(
            HubCaller caller, @PathVariable String personId, @PathVariable long sequence, RedirectAttributes redirect) {
        requireReviewer(caller);
        String id = PersonId.parse(personId).toString();
        AuditReceipt receipt = log.release(id, sequence, DisclosureLogPages.viewer(caller));
        redirect.addFlashAttribute(
                "notice",
                "Entry " + sequence + " is part of this person’s subject access answer again once the log has read"
                        + " event " + receipt.sequence() + ".");
        return "redirect:/audit/subjects/" + id;
    }

    static boolean mayWithhold(HubCaller caller) {
        return caller.scopes().contains(HubScope.AUDIT) && caller.scopes().contains(HubScope.REVIEW);
    }

    private static void requireReviewer(HubCaller caller) {
        if (!mayWithhold(caller)) {
            throw new AccessDeniedException("withholding needs hub.audit and hub.review");
        }
    }

    private static Map<String, String> exemptions() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(
                Exemption.CRIME_AND_TAXATION.name(),
                "Crime: telling the person would prejudice preventing or detecting crime (Schedule 2, paragraph 2)");
        words.put(
                Exemption.THIRD_PARTY_DATA.name(),
                "Another person: it would disclose information about someone else (Schedule 2, paragraph 16)");
        words.put(
                Exemption.LEGAL_PROFESSIONAL_PRIVILEGE.name(),
                "Legal professional privilege (Schedule 2, paragraph 19)");
        words.put(
                Exemption.SERIOUS_HARM_HEALTH.name(),
                "Serious harm: health data likely to cause serious harm to anyone (Schedule 3, paragraph 5)");
        words.put(
                Exemption.SERIOUS_HARM_SOCIAL_WORK.name(),
                "Serious harm: social work data likely to cause serious harm to anyone (Schedule 3, paragraph 7)");
        words.put(
                Exemption.CHILD_ABUSE_DATA.name(),
                "Child abuse data, where telling is not in the child’s best interests (Schedule 3, paragraph 21)");
        for (Exemption exemption : Exemption.values()) {
            if (!words.containsKey(exemption.name())) {
                throw new IllegalStateException("no words for the exemption " + exemption);
            }
        }
        return java.util.Collections.unmodifiableMap(words);
    }
}
