package uk.mashhub.consent.agreement;

import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PurposeCode;

/**
 * A purpose an agreement allows sharing for, with everything that makes sharing for it lawful:
 * the Article 6 basis, the Article 9 / 10 condition when special-category data flows, the
 * statutory gateways cited, the consent mode, whether sharing without consent may be justified by
 * an override, the consent forms accepted, and the flows.
 */
public record Purpose(
        PurposeCode code,
        LawfulBasis lawfulBasis,
        @Nullable SpecialCategoryCondition specialCategoryCondition,
        List<String> gateways,
        ConsentMode consentMode,
        boolean overrideAllowed,
        List<ConsentForm> acceptedConsentForms,
        List<Flow> flows) {

    public Purpose {
        if (gateways == null
                || gateways.isEmpty()
                || gateways.stream().anyMatch(g -> g == null || g.isBlank() || g.length() > 200)) {
            throw new InvalidValue(
                    "purpose " + code + "'s gateways",
                    "must cite at least one statutory gateway (each up to 200 characters)");
        }
        if (flows == null || flows.isEmpty()) {
            throw new InvalidValue("purpose " + code + "'s flows", "must hold at least one flow");
        }
        acceptedConsentForms = acceptedConsentForms == null
                ? List.of()
                : acceptedConsentForms.stream()
                        .distinct()
                        .sorted(Comparator.comparing(ConsentForm::formId).thenComparing(ConsentForm::version))
                        .toList();
        if (consentMode == ConsentMode.REQUIRED && acceptedConsentForms.isEmpty()) {
            throw new InvalidValue(
                    "purpose " + code, "requires consent, so it must accept at least one consent form version");
        }
        if (specialCategoryCondition == null && flows.stream().anyMatch(Flow::specialCategoryAllowed)) {
            throw new InvalidValue(
                    "purpose " + code,
                    "lets special-category fields flow, so it must name an Article 9 or 10 condition");
        }
        gateways = List.copyOf(gateways);
        flows = List.copyOf(flows);
    }
}
