package uk.mashhub.consent.agreement;

import java.util.List;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.FieldNames;
import uk.mashhub.kernel.InvalidValue;

/**
 * What may pass from a provider to a recipient for one data category: the permitted fields, whether
 * special-category fields among them may go, and how long the recipient may keep its copy.
 */
public record Flow(
        PartySelector provider,
        PartySelector recipient,
        DataCategory category,
        List<String> permittedFields,
        boolean specialCategoryAllowed,
        int retentionDays) {

    public Flow {
        if (permittedFields == null || permittedFields.isEmpty()) {
            throw new InvalidValue("flow's permitted fields", "must name at least one field");
        }
        for (String field : permittedFields) {
            if (field == null || !FieldNames.isWellFormed(field)) {
                throw new InvalidValue("flow's permitted fields", "must be field " + FieldNames.SHAPE);
            }
        }
        if (retentionDays < 1 || retentionDays > 36_500) {
            throw new InvalidValue("flow's retention", "must be between 1 and 36500 days");
        }
        // sorted and distinct: the same terms always serialise (and digest) the same way
        permittedFields = permittedFields.stream().distinct().sorted().toList();
    }

    /** Whether this flow carries {@code category} from {@code provider} to {@code recipient}. */
    public boolean carries(Party provider, Party recipient, DataCategory category) {
        return this.category == category && this.provider.selects(provider) && this.recipient.selects(recipient);
    }
}
