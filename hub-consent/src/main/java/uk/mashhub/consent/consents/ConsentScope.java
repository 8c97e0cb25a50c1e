package uk.mashhub.consent.consents;

import java.util.Set;
import java.util.function.Predicate;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PurposeCode;

/**
 * What a consent entry covers: purposes, recipients (named agencies, or every party of the
 * agreement the release relies on) and data categories.
 */
public record ConsentScope(
        Set<PurposeCode> purposes, boolean everyParty, Set<AgencyId> recipients, Set<DataCategory> categories) {

    public ConsentScope {
        if (purposes == null || purposes.isEmpty()) {
            throw new InvalidValue("consent's purposes", "must name at least one purpose");
        }
        if (categories == null || categories.isEmpty()) {
            throw new InvalidValue("consent's categories", "must name at least one data category");
        }
        recipients = recipients == null ? Set.of() : Set.copyOf(recipients);
        if (everyParty == !recipients.isEmpty()) {
            throw new InvalidValue(
                    "consent's recipients", "must be either every party or a list of agencies, not both");
        }
        purposes = Set.copyOf(purposes);
        categories = Set.copyOf(categories);
    }

    /** Whether a release of {@code category} to {@code recipient} for {@code purpose} is covered. */
    public boolean covers(
            PurposeCode purpose, AgencyId recipient, DataCategory category, Predicate<AgencyId> isPartyOfAgreement) {
        return purposes.contains(purpose)
                && categories.contains(category)
                && (everyParty ? isPartyOfAgreement.test(recipient) : recipients.contains(recipient));
    }
}
