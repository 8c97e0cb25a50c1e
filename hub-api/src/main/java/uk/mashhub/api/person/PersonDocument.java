package uk.mashhub.api.person;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.NhsNumber;
import uk.mashhub.ingest.person.Sex;
import uk.mashhub.ingest.referral.PersonReport;

/**
 * A person as an agency reports them over HTTP: its own local id and whatever identifiers it has.
 * Shared by referrals and records.
 */
public record PersonDocument(
        @NotNull @Size(max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        String localId,

        @Nullable @Size(max = 100) String givenName,

        @NotNull @Size(max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        String familyName,

        @NotNull @PastOrPresent @BornSince1900 LocalDate dateOfBirth,
        @Nullable Sex sex,

        // the ingest module's rule (letters, digit, optional character, digit, two letters) with spaces
        // anywhere, checked here too so that a wrong postcode is listed with the body's other errors
        @Nullable
        @Size(max = 10)
        @Pattern(
                regexp = "^ *[A-Za-z] *[A-Za-z]? *[0-9] *[0-9A-Za-z]? *[0-9] *[A-Za-z] *[A-Za-z] *$",
                message = "must be a UK postcode such as NS1 4AB")
        String postcode,

        @Nullable @Pattern(regexp = "^[0-9 -]{10,12}$", message = "must be ten digits") @NhsNumberCheckDigit
        String nhsNumber,

        @Nullable @Size(max = 100) String relationship) {

    /**
     * Holds a character that is not white space by the ingest module's test ({@link
     * String#isBlank()}), nor a no-break space: {@code @NotBlank} lets through what {@code isBlank}
     * refuses (an ideographic space, U+3000), which would then be refused alone, not with the body's
     * other errors. Anchored, and without inline flags, as the published document's patterns are
     * read by clients' JSON Schema validators too.
     */
    static final String NOT_BLANK = "^[\\s\\S]*[^\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\p{Z}][\\s\\S]*$";

    /**
     * The report the ingest module takes. Its value rules (NHS check digit, dates, postcode form)
     * are the constraints above too, so a valid document passes them; they stand as the module's
     * own invariants for every other way in.
     */
    public PersonReport toReport() {
        return new PersonReport(
                localId,
                new Demographics(
                        givenName,
                        familyName,
                        dateOfBirth,
                        sex,
                        postcode,
                        nhsNumber == null ? null : new NhsNumber(nhsNumber)),
                relationship);
    }
}
