package uk.mashhub.api.agreement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementDraft;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.agreement.LawfulBasis;
import uk.mashhub.consent.agreement.PartySelector;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.agreement.SpecialCategoryCondition;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.FieldNames;
import uk.mashhub.kernel.PurposeCode;

/**
 * The terms of an agreement as a drafter sends them. Each field is checked here and reported by
 * name; rules across fields (dates in order, flows between parties, a condition for
 * special-category data) are the domain's and come back as one sentence.
 */
record AgreementDocument(
        @NotBlank @Size(max = 300) String title,
        @NotNull @Size(min = 2, max = 50) List<@NotNull @Pattern(regexp = AgencyId.PATTERN) String> parties,
        @NotNull LocalDate validFrom,
        @NotNull LocalDate validUntil,
        @NotNull LocalDate reviewDate,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull PurposeDocument> purposes) {

    record PurposeDocument(
            @NotNull @Pattern(regexp = PurposeCode.PATTERN) String code,

            @NotNull LawfulBasis lawfulBasis,
            @Nullable SpecialCategoryCondition specialCategoryCondition,
            @NotEmpty List<@NotBlank @Size(max = 200) String> gateways,
            @NotNull ConsentMode consentMode,
            boolean overrideAllowed,
            @Nullable List<@Valid @NotNull FormDocument> acceptedConsentForms,
            @NotEmpty @Size(max = 200) List<@Valid @NotNull FlowDocument> flows) {}

    record FormDocument(
            @NotBlank @Size(max = 100) String formId,
            @NotBlank @Size(max = 40) String version) {}

    record FlowDocument(
            @Valid @NotNull FlowEnd provider,
            @Valid @NotNull FlowEnd recipient,
            @NotNull DataCategory category,

            @NotEmpty @Size(max = 200) List<@NotNull @Pattern(regexp = FieldNames.PATTERN) String> permittedFields,

            boolean specialCategoryAllowed,
            @Min(1) @Max(36_500) int retentionDays) {}

    /** One named agency or every party of a type: give exactly one. */
    record FlowEnd(
            @Nullable @Pattern(regexp = AgencyId.PATTERN) String agency,
            @Nullable AgencyType type) {}

    AgreementDraft toDraft() {
        return new AgreementDraft(
                title,
                parties.stream().map(AgencyId::new).toList(),
                validFrom,
                validUntil,
                reviewDate,
                purposes.stream().map(AgreementDocument::purpose).toList());
    }

    private static Purpose purpose(PurposeDocument purpose) {
        return new Purpose(
                new PurposeCode(purpose.code()),
                purpose.lawfulBasis(),
                purpose.specialCategoryCondition(),
                purpose.gateways(),
                purpose.consentMode(),
                purpose.overrideAllowed(),
                purpose.acceptedConsentForms() == null
                        ? List.of()
                        : purpose.acceptedConsentForms().stream()
                                .map(form -> new ConsentForm(form.formId(), form.version()))
                                .toList(),
                purpose.flows().stream().map(AgreementDocument::flow).toList());
    }

    private static Flow flow(FlowDocument flow) {
        return new Flow(
                end(flow.provider()),
                end(flow.recipient()),
                flow.category(),
                flow.permittedFields(),
                flow.specialCategoryAllowed(),
                flow.retentionDays());
    }

    private static PartySelector end(FlowEnd end) {
        return new PartySelector(end.agency() == null ? null : new AgencyId(end.agency()), end.type());
    }
}
