package uk.mashhub.ingest.person;

import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.mashhub.ingest.person.PersonMatcher.Normalised;

/**
 * The demographic columns of an identity row as stored: what the agency said, with the values the
 * hub derives from it (the family name's phonetic code, the postcode without spaces, the NHS number's
 * digits) derived here only, so inserting and updating an identity cannot disagree.
 */
record IdentityColumns(
        @Nullable String givenName,
        String familyName,
        String familyPhonetic,
        LocalDate dateOfBirth,
        Sex sex,
        @Nullable String postcode,
        @Nullable String nhsNumber) {

    static IdentityColumns of(Demographics d) {
        return new IdentityColumns(
                d.givenName(),
                d.familyName(),
                Names.phonetic(Names.normalise(d.familyName())),
                d.dateOfBirth(),
                d.sex(),
                d.postcode() == null ? null : Names.postcode(d.postcode()),
                d.nhsNumber() == null ? null : d.nhsNumber().value());
    }

    /** The family name's first letter as the candidate index has it: {@code upper(left(family_name, 1))}. */
    String initial() {
        return familyName.isEmpty()
                ? ""
                : new String(Character.toChars(familyName.codePointAt(0))).toUpperCase(Locale.ROOT);
    }

    /** As a match candidate: the NHS number is the person's, where the person has one. */
    Normalised normalised(@Nullable String personNhs) {
        return new Normalised(
                givenName == null ? null : Names.normalise(givenName),
                Names.normalise(familyName),
                // stored when the identity was written: recomputing it for every candidate cost most of a match
                familyPhonetic,
                dateOfBirth,
                sex,
                postcode,
                personNhs != null ? personNhs : nhsNumber);
    }
}
