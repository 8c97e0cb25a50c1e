package uk.mashhub.ingest.record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import uk.mashhub.ingest.referral.PersonReport;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.FieldNames;
import uk.mashhub.kernel.InvalidValue;

/** A record as a provider sends it: whom it is about (as the provider knows them) and what it says. */
public record RecordSubmission(
        PersonReport subject,
        DataCategory category,
        Map<String, Object> fields,
        Set<String> specialCategoryFields,
        String sourceReference,
        Instant recordedAt) {

    public RecordSubmission {
        if (fields == null || fields.isEmpty() || fields.size() > 200) {
            throw new InvalidValue("record's fields", "must hold 1 to 200 named values");
        }
        for (var field : fields.entrySet()) {
            if (!FieldNames.isWellFormed(field.getKey())) {
                throw new InvalidValue("record's field names", "must be " + FieldNames.SHAPE);
            }
            Object value = field.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new InvalidValue("record's field " + field.getKey(), "must be a string, a number or a boolean");
            }
            if (value instanceof String text && text.length() > 10_000) {
                throw new InvalidValue("record's field " + field.getKey(), "must be at most 10000 characters");
            }
        }
        specialCategoryFields = specialCategoryFields == null ? Set.of() : Set.copyOf(specialCategoryFields);
        if (!fields.keySet().containsAll(specialCategoryFields)) {
            throw new InvalidValue("record's special-category fields", "must be fields of the record");
        }
        if (sourceReference == null || sourceReference.isBlank() || sourceReference.length() > 200) {
            throw new InvalidValue("record's source reference", "must be 1 to 200 characters");
        }
        if (category == null || recordedAt == null) {
            throw new InvalidValue("record", "needs a category and the time it was recorded");
        }
        fields = new LinkedHashMap<>(fields);
    }
}
