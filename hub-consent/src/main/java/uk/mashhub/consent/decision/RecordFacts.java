package uk.mashhub.consent.decision;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;

/**
 * What the decision needs to know about a record: never its values, only who holds it, whom it is
 * about, its category and the names of its fields.
 *
 * @param fields the names of the fields the record has, in order
 * @param specialCategoryFields those of them that are special-category or criminal-offence data
 */
public record RecordFacts(
        UUID recordId,
        AgencyId provider,
        PersonId subject,
        DataCategory category,
        List<String> fields,
        Set<String> specialCategoryFields) {

    public RecordFacts {
        fields = List.copyOf(fields);
        specialCategoryFields = Set.copyOf(specialCategoryFields);
        if (!fields.containsAll(specialCategoryFields)) {
            throw new IllegalArgumentException("special-category fields must be fields of the record");
        }
    }
}
