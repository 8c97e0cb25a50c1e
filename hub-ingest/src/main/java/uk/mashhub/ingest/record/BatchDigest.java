package uk.mashhub.ingest.record;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.ingest.person.Demographics;

/**
 * The digest of a batch's records, kept with its batch id so that a redelivery (the same records)
 * can be told from other records sent under a batch id already kept: SHA-256 of one canonical JSON
 * encoding — the records in their order, each as the values it holds in the fixed order of {@link
 * Canonical}, its fields sorted by name and its special-category fields sorted — so the same records
 * digest alike however their lines were written (whitespace, order of properties and fields).
 */
final class BatchDigest {

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private BatchDigest() {}

    /**
     * One record as digested: every value a {@link RecordSubmission} holds, named here so that the
     * digest of a batch does not change with the shape of the classes that carry it. Changing this
     * record changes the digest of every batch: a batch kept before, delivered again, would then be
     * refused as other records.
     */
    record Canonical(
            String localId,
            @Nullable String givenName,
            String familyName,
            LocalDate dateOfBirth,
            String sex,
            @Nullable String postcode,
            @Nullable String nhsNumber,
            @Nullable String relationship,
            String category,
            Map<String, Object> fields,
            List<String> specialCategoryFields,
            String sourceReference,
            Instant recordedAt) {

        static Canonical of(RecordSubmission record) {
            Demographics person = record.subject().demographics();
            return new Canonical(
                    record.subject().localId(),
                    person.givenName(),
                    person.familyName(),
                    person.dateOfBirth(),
                    person.sex().name(),
                    person.postcode(),
                    person.nhsNumber() == null ? null : person.nhsNumber().value(),
                    record.subject().relationship(),
                    record.category().name(),
                    new TreeMap<>(record.fields()),
                    record.specialCategoryFields().stream().sorted().toList(),
                    record.sourceReference(),
                    record.recordedAt());
        }
    }

    static String of(List<RecordSubmission> records) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsBytes(
                            records.stream().map(Canonical::of).toList()));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
