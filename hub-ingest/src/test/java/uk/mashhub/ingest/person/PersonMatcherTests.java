package uk.mashhub.ingest.person;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.ingest.person.PersonMatcher.Verdict.DIFFERENT;
import static uk.mashhub.ingest.person.PersonMatcher.Verdict.POSSIBLE;
import static uk.mashhub.ingest.person.PersonMatcher.Verdict.SAME;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.mashhub.ingest.person.PersonMatcher.Candidate;
import uk.mashhub.ingest.person.PersonMatcher.Normalised;
import uk.mashhub.ingest.person.PersonMatcher.Outcome;
import uk.mashhub.ingest.person.PersonMatcher.Verdict;
import uk.mashhub.kernel.PersonId;

class PersonMatcherTests {

    private static final LocalDate BORN = LocalDate.of(2018, 6, 4);
    private static final String JACK_NHS = "9434765919";
    private static final String OTHER_NHS = "4010232137";

    private static Normalised person(
            @Nullable String given,
            String family,
            LocalDate born,
            Sex sex,
            @Nullable String postcode,
            @Nullable String nhs) {
        return Normalised.of(
                new Demographics(given, family, born, sex, postcode, nhs == null ? null : new NhsNumber(nhs)));
    }

    private static Normalised jack() {
        return person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", null);
    }

    /** Compares both ways round: the verdict must not depend on which identity came first. */
    private static Verdict compare(Normalised a, Normalised b) {
        Verdict verdict = PersonMatcher.compare(a, b);
        assertThat(PersonMatcher.compare(b, a))
                .as("the verdict the other way round")
                .isEqualTo(verdict);
        return verdict;
    }

    private static Candidate candidate(PersonId person, Normalised demographics) {
        return new Candidate(new IdentityId(UUID.randomUUID()), person, demographics);
    }

    private static PersonId newPerson() {
        return new PersonId(UUID.randomUUID());
    }

    @Test
    void linksExactNamesDateOfBirthAndPostcode() {
        assertThat(compare(jack(), jack())).isEqualTo(SAME);
    }

    @Test
    void readsPostcodesAndNamesWhateverTheirCaseSpacingOrAccents() {
        Normalised written = person("  jack ", "SMITH", BORN, Sex.MALE, "ns14ab", null);
        Normalised hyphenated = person("Zoë", "O'Brien-Smith", BORN, Sex.FEMALE, "NS1 4AB", null);
        Normalised plain = person("ZOE", "obrien smith", BORN, Sex.FEMALE, "NS14AB", null);

        assertThat(compare(written, jack())).isEqualTo(SAME);
        assertThat(compare(hyphenated, plain)).isEqualTo(SAME);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({
        "Olivia, Oliver",
        "Amelia, Amelie",
        "Finley, Finlay",
        "Ava, Eva",
        "Lily, Lila",
        "Jack, Jake",
        "Isla, Isabel",
        "Harry, Harvey",
        "Jack, Jack-Junior"
    })
    void neverLinksTwinsOnItsOwn(String one, String other) {
        Normalised first = person(one, "Smith", BORN, Sex.UNKNOWN, "NS1 4AB", null);
        Normalised second = person(other, "Smith", BORN, Sex.UNKNOWN, "NS1 4AB", null);

        assertThat(compare(first, second)).isNotEqualTo(SAME);
        assertThat(PersonMatcher.match(second, List.of(candidate(newPerson(), first)))
                        .same())
                .isNull();
    }

    @Test
    void twinsWithSimilarGivenNamesAreOnlyPossible() {
        Normalised amelia = person("Amelia", "Smith", BORN, Sex.FEMALE, "NS1 4AB", null);
        Normalised amelie = person("Amelie", "Smith", BORN, Sex.FEMALE, "NS1 4AB", null);

        assertThat(compare(amelia, amelie)).isEqualTo(POSSIBLE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "Jakc, Smith", // two letters swapped
        "Jack, Smyth", // one letter changed
        "Jack, Smiths", // one letter added
        "Jack, Smth", // one letter lost
        "Jacky, Smith"
    })
    void aOneLetterSlipInANameIsOnlyPossible(String given, String family) {
        assertThat(compare(person(given, family, BORN, Sex.MALE, "NS1 4AB", null), jack()))
                .isEqualTo(POSSIBLE);
    }

    @Test
    void aLongerNameWithATypoIsOnlyPossible() {
        Normalised charlotte = person("Charlotte", "Harrison", BORN, Sex.FEMALE, "NS1 4AB", null);
        Normalised misspelt = person("Charlote", "Harisson", BORN, Sex.FEMALE, "NS1 4AB", null);

        assertThat(compare(charlotte, misspelt)).isEqualTo(POSSIBLE);
    }

    @Test
    void linksGivenAndFamilyNamesExactlySwapped() {
        Normalised swapped = person("Smith", "Jack", BORN, Sex.MALE, "NS14AB", null);

        assertThat(compare(swapped, jack())).isEqualTo(SAME);
    }

    @Test
    void swappedNamesWithATypoAreOnlyPossible() {
        assertThat(compare(person("Smyth", "Jack", BORN, Sex.MALE, "NS1 4AB", null), jack()))
                .isEqualTo(POSSIBLE);
    }

    @Test
    void aDateOfBirthWithDayAndMonthSwappedIsOnlyPossible() {
        Normalised swapped = person("Jack", "Smith", LocalDate.of(2018, 4, 6), Sex.MALE, "NS1 4AB", null);

        assertThat(compare(swapped, jack())).isEqualTo(POSSIBLE);
    }

    @Test
    void aDateOfBirthADayOrAYearOutIsOnlyPossible() {
        for (LocalDate near : List.of(BORN.plusDays(1), BORN.minusDays(1), BORN.plusYears(1), BORN.minusYears(1))) {
            assertThat(compare(person("Jack", "Smith", near, Sex.MALE, "NS1 4AB", null), jack()))
                    .as("born %s", near)
                    .isEqualTo(POSSIBLE);
        }
    }

    @Test
    void aDateOfBirthFurtherOutIsDifferent() {
        for (LocalDate far : List.of(BORN.plusDays(2), BORN.plusMonths(1), BORN.plusYears(2))) {
            assertThat(compare(person("Jack", "Smith", far, Sex.MALE, "NS1 4AB", null), jack()))
                    .as("born %s", far)
                    .isEqualTo(DIFFERENT);
        }
    }

    @Test
    void differentKnownSexesAreDifferentPersons() {
        assertThat(compare(person("Jack", "Smith", BORN, Sex.FEMALE, "NS1 4AB", null), jack()))
                .isEqualTo(DIFFERENT);
    }

    @Test
    void anUnknownSexNeitherConflictsNorStopsALink() {
        assertThat(compare(person("Jack", "Smith", BORN, Sex.UNKNOWN, "NS1 4AB", null), jack()))
                .isEqualTo(SAME);
    }

    @Test
    void withoutTheSamePostcodeEvenExactNamesAreOnlyPossible() {
        assertThat(compare(person("Jack", "Smith", BORN, Sex.MALE, null, null), jack()))
                .isEqualTo(POSSIBLE);
        assertThat(compare(person("Jack", "Smith", BORN, Sex.MALE, "NS2 9ZZ", null), jack()))
                .isEqualTo(POSSIBLE);
        assertThat(compare(
                        person("Jack", "Smith", BORN, Sex.MALE, null, null),
                        person("Jack", "Smith", BORN, Sex.MALE, null, null)))
                .isEqualTo(POSSIBLE);
    }

    @Test
    void aMissingGivenNameIsOnlyPossible() {
        assertThat(compare(person(null, "Smith", BORN, Sex.MALE, "NS1 4AB", null), jack()))
                .isEqualTo(POSSIBLE);
        assertThat(compare(person(" - ", "Smith", BORN, Sex.MALE, "NS1 4AB", null), jack()))
                .isEqualTo(POSSIBLE);
    }

    @Test
    void differentValidNhsNumbersAreDifferentPersonsWhateverTheNames() {
        Normalised one = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);
        Normalised other = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", OTHER_NHS);

        assertThat(compare(one, other)).isEqualTo(DIFFERENT);
    }

    @Test
    void theSameNhsNumberAndDateOfBirthLinkWhateverTheNames() {
        Normalised registered = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);
        Normalised renamed = person("Jackson", "Brown-Smith", BORN, Sex.UNKNOWN, "NS9 1ZZ", " 943 476 5919");

        assertThat(compare(registered, renamed)).isEqualTo(SAME);
    }

    @Test
    void theSameNhsNumberAndDateOfBirthWithTheOtherSexIsOnlyPossible() {
        // a boy recorded under his twin sister's number
        Normalised sister = person("Amelia", "Smith", BORN, Sex.FEMALE, "NS1 4AB", JACK_NHS);
        Normalised brother = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);

        assertThat(compare(sister, brother)).isEqualTo(POSSIBLE);
    }

    @Test
    void theSameNhsNumberWithAnotherDateOfBirthIsOnlyPossible() {
        Normalised one = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);
        Normalised misdated = person("Jack", "Smith", BORN.plusYears(5), Sex.MALE, "NS1 4AB", JACK_NHS);

        assertThat(compare(one, misdated)).isEqualTo(POSSIBLE);
    }

    @Test
    void anNhsNumberOnOneSideOnlyFallsBackToTheDemographicRules() {
        Normalised numbered = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);

        assertThat(compare(numbered, jack())).isEqualTo(SAME);
        assertThat(compare(numbered, person("Jakc", "Smith", BORN, Sex.MALE, "NS1 4AB", null)))
                .isEqualTo(POSSIBLE);
    }

    @Test
    void unrelatedNamesAreDifferentEvenAtTheSameAddressAndBirthday() {
        assertThat(compare(person("Mohammed", "Khan", BORN, Sex.MALE, "NS1 4AB", null), jack()))
                .isEqualTo(DIFFERENT);
    }

    @Test
    void linksToTheOnePersonWhoseIdentitiesLookTheSame() {
        PersonId jacks = newPerson();
        PersonId cousin = newPerson();
        List<Candidate> held = List.of(
                candidate(jacks, jack()),
                candidate(jacks, person("Smith", "Jack", BORN, Sex.UNKNOWN, "NS1 4AB", null)),
                candidate(cousin, person("Jake", "Smith", BORN, Sex.MALE, "NS1 4AB", null)));

        Outcome outcome = PersonMatcher.match(jack(), held);

        assertThat(outcome.same()).isEqualTo(jacks);
        assertThat(outcome.possible()).isEmpty();
    }

    @Test
    void linksByTheNhsNumberEvenWhenAnotherPersonWithoutOneLooksTheSame() {
        PersonId registered = newPerson();
        PersonId unnumbered = newPerson();
        Normalised numbered = person("Jack", "Smith", BORN, Sex.MALE, "NS1 4AB", JACK_NHS);
        List<Candidate> held = List.of(candidate(registered, numbered), candidate(unnumbered, jack()));

        Outcome outcome = PersonMatcher.match(numbered, held);

        // the number decides; the look-alike without one is for a practitioner to judge
        assertThat(outcome.same()).isEqualTo(registered);
        assertThat(outcome.possible()).extracting(Candidate::person).containsExactly(unnumbered);
    }

    @Test
    void doesNotLinkAPersonOneOfWhoseIdentitiesHasTheOtherSex() {
        PersonId held = newPerson();
        List<Candidate> identities = List.of(
                candidate(held, person("Jack", "Smith", BORN, Sex.UNKNOWN, "NS1 4AB", null)),
                candidate(held, person("Jackie", "Smith", BORN, Sex.FEMALE, "NS1 4AB", null)));

        Outcome outcome = PersonMatcher.match(jack(), identities);

        assertThat(outcome.same()).isNull();
        assertThat(outcome.possible()).extracting(Candidate::person).containsExactly(held);
    }

    @Test
    void neverPicksBetweenTwoPersonsThatBothLookTheSame() {
        PersonId one = newPerson();
        PersonId other = newPerson();
        List<Candidate> held = List.of(
                candidate(one, jack()),
                candidate(other, person("Jack", "Smith", BORN, Sex.UNKNOWN, "ns1 4ab", null)),
                candidate(other, jack()));

        Outcome outcome = PersonMatcher.match(jack(), held);

        assertThat(outcome.same()).isNull();
        assertThat(outcome.possible()).extracting(Candidate::person).containsExactlyInAnyOrder(one, other);
    }

    @Test
    void offersEachPossiblePersonOnceAndNoneThatIsDifferent() {
        PersonId misspelt = newPerson();
        PersonId stranger = newPerson();
        List<Candidate> held = List.of(
                candidate(misspelt, person("Jakc", "Smith", BORN, Sex.MALE, "NS1 4AB", null)),
                candidate(misspelt, person("Jack", "Smyth", BORN, Sex.MALE, "NS1 4AB", null)),
                candidate(stranger, person("Amira", "Hussain", BORN, Sex.FEMALE, "NS1 4AB", null)));

        Outcome outcome = PersonMatcher.match(jack(), held);

        assertThat(outcome.same()).isNull();
        assertThat(outcome.possible()).extracting(Candidate::person).containsExactly(misspelt);
    }

    @Test
    void withNoCandidatesThereIsNothingToLinkOrReview() {
        Outcome outcome = PersonMatcher.match(jack(), List.of());

        assertThat(outcome.same()).isNull();
        assertThat(outcome.possible()).isEmpty();
    }
}
