package uk.mashhub.api.record;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.api.person.PersonDocument;
import uk.mashhub.api.problem.ReadFailures;
import uk.mashhub.api.problem.StorableValues;
import uk.mashhub.ingest.record.RecordSubmission;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;

/**
 * Reads a batch of records, one JSON object per line (NDJSON), checking every line before anything
 * is kept: the HTTP bulk upload and the Kafka inbound topic share it, so both refuse the same lines
 * for the same reasons.
 */
@Component
class RecordLines {

    static final int MAX_LINES = 10_000;

    /** A record as a provider sends it (one JSON object; one per line in a batch). */
    record RecordDocument(
            @Valid @NotNull PersonDocument subject,
            @NotNull DataCategory category,
            @NotEmpty @Size(max = 200) Map<String, Object> fields,
            @Nullable Set<String> specialCategoryFields,
            @NotBlank @Size(max = 200) String sourceReference,
            @NotNull @PastOrPresent Instant recordedAt) {

        RecordSubmission toSubmission() {
            return new RecordSubmission(
                    subject.toReport(), category, fields, specialCategoryFields, sourceReference, recordedAt);
        }
    }

    /** One refused line of a batch: its number (from 1) and what is wrong, by field name, never by value. */
    record LineError(int line, List<FieldError> errors) {}

    record FieldError(String field, String message) {}

    /** The records of a batch that can be kept, and the lines that cannot. */
    record Batch(List<RecordSubmission> records, List<LineError> refused) {

        boolean acceptable() {
            return refused.isEmpty() && !records.isEmpty();
        }
    }

    private final JsonMapper json;
    private final Validator validator;

    RecordLines(JsonMapper json, Validator validator) {
        this.json = StorableValues.inbound(json);
        this.validator = validator;
    }

    Batch read(Reader source) throws IOException {
        List<RecordSubmission> records = new ArrayList<>();
        List<LineError> refused = new ArrayList<>();
        try (var lines = new BufferedReader(source)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (records.size() + refused.size() >= MAX_LINES) {
                    throw new InvalidValue("batch", "must hold at most " + MAX_LINES + " records; split it");
                }
                parse(line, number, records, refused);
            }
        }
        return new Batch(records, refused);
    }

    private void parse(String line, int number, List<RecordSubmission> records, List<LineError> refused) {
        @Nullable RecordDocument document;
        try {
            document = json.readValue(line, RecordDocument.class);
        } catch (JacksonException e) {
            refused.add(new LineError(number, List.of(new FieldError(path(e), unreadable(e)))));
            return;
        }
        if (document == null) { // the line is JSON's null
            refused.add(new LineError(number, List.of(new FieldError("line", "must be one record, a JSON object"))));
            return;
        }
        Set<ConstraintViolation<RecordDocument>> violations = validator.validate(document);
        if (!violations.isEmpty()) {
            refused.add(new LineError(
                    number,
                    violations.stream()
                            .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                            .sorted(Comparator.comparing(FieldError::field))
                            .toList()));
            return;
        }
        try {
            records.add(document.toSubmission());
        } catch (HubProblem problem) {
            refused.add(new LineError(number, List.of(new FieldError("record", problem.safeDetail()))));
        }
    }

    /** Why a line could not be read: a rule a value broke as it was read, or its form. */
    private static String unreadable(JacksonException e) {
        StorableValues.Unstorable broken = ReadFailures.cause(e, StorableValues.Unstorable.class);
        return broken != null ? broken.rule() : ReadFailures.rule(e, "is not well-formed or has the wrong type");
    }

    private static String path(JacksonException e) {
        String field = ReadFailures.field(e);
        return field.isEmpty() ? "line" : field;
    }
}
