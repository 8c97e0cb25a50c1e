package uk.mashhub.ingest.person;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.InvalidValue;

/**
 * What an agency tells the hub about who a person is. Only {@code familyName} and {@code
 * dateOfBirth} are required; everything else helps matching when present.
 */
public record Demographics(
        @Nullable String givenName,
        String familyName,
        LocalDate dateOfBirth,
        Sex sex,
        @Nullable String postcode,
        @Nullable NhsNumber nhsNumber) {

    /** No one the hub hears about was born before this. */
    public static final LocalDate EARLIEST_DATE_OF_BIRTH = LocalDate.of(1900, 1, 1);

    public Demographics {
        if (familyName == null || familyName.isBlank() || familyName.length() > 100) {
            throw new InvalidValue("family name", "must be 1 to 100 characters");
        }
        if (givenName != null && givenName.length() > 100) {
            throw new InvalidValue("given name", "must be at most 100 characters");
        }
        if (dateOfBirth == null || dateOfBirth.isBefore(EARLIEST_DATE_OF_BIRTH)) {
            throw new InvalidValue("date of birth", "must be on or after 1900-01-01");
        }
        if (postcode != null && !Names.postcode(postcode).matches("[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}")) {
            throw new InvalidValue("postcode", "must be a UK postcode such as NS1 4AB");
        }
        sex = sex == null ? Sex.UNKNOWN : sex;
    }

    /** Refuses a date of birth in the future (today is the partnership's date). */
    public Demographics bornBy(LocalDate today) {
        if (dateOfBirth.isAfter(today)) {
            throw new InvalidValue("date of birth", "must not be in the future");
        }
        return this;
    }
}
