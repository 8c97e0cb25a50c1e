package uk.mashhub.consent.agreement;

import uk.mashhub.kernel.InvalidValue;

/** A consent form, identified by the local area's form id and its version ("wrong form" is a real refusal). */
public record ConsentForm(String formId, String version) {

    public ConsentForm {
        if (formId == null || formId.isBlank() || formId.length() > 100) {
            throw new InvalidValue("consent form id", "must be 1 to 100 characters");
        }
        if (version == null || version.isBlank() || version.length() > 40) {
            throw new InvalidValue("consent form version", "must be 1 to 40 characters");
        }
    }
}
