package uk.mashhub.ingest.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.PersonId;

/**
 * Compares an incoming identity with identities the hub already holds. Pure and conservative:
 *
 * <ul>
 *   <li><b>SAME</b> (links on its own): equal NHS numbers with equal dates of birth and no
 *       conflicting sex; or, without NHS numbers, the exact date of birth, the exact given and
 *       family names (or the two exactly swapped), the same postcode, and no conflicting sex.
 *   <li><b>POSSIBLE</b> (a practitioner decides): anything close — a date of birth off by a
 *       swapped day and month or one day or one year, similar-sounding or slightly misspelt names,
 *       a missing given name, a moved postcode, or equal NHS numbers with a different date of birth
 *       or sex.
 *   <li><b>DIFFERENT</b>: different valid NHS numbers, different known sexes, or nothing close.
 * </ul>
 *
 * A person links only when SAME holds for one person and none of its identities has the other known
 * sex. Twins share a family name, a date of birth and an address; they differ in given name, so they
 * are never SAME: at most POSSIBLE, and a practitioner keeps them apart.
 */
final class PersonMatcher {

    enum Verdict {
        SAME,
        POSSIBLE,
        DIFFERENT
    }

    /** An identity normalised for comparison. {@code nhsNumber} is the person's, where the person has one. */
    record Normalised(
            @Nullable String given,
            String family,
            String familyPhonetic,
            LocalDate dateOfBirth,
            Sex sex,
            @Nullable String postcode,
            @Nullable String nhsNumber) {

        static Normalised of(Demographics demographics) {
            String family = Names.normalise(demographics.familyName());
            String given = demographics.givenName() == null ? null : Names.normalise(demographics.givenName());
            return new Normalised(
                    given == null || given.isEmpty() ? null : given,
                    family,
                    Names.phonetic(family),
                    demographics.dateOfBirth(),
                    demographics.sex(),
                    demographics.postcode() == null ? null : Names.postcode(demographics.postcode()),
                    demographics.nhsNumber() == null
                            ? null
                            : demographics.nhsNumber().value());
        }
    }

    /** A held identity and the person it is linked to. */
    record Candidate(IdentityId identity, PersonId person, Normalised demographics) {}

    /** The outcome of matching one incoming identity against the candidates. */
    record Outcome(@Nullable PersonId same, List<Candidate> possible) {}

    private static final double SIMILAR = 0.88;

    private PersonMatcher() {}

    static Outcome match(Normalised incoming, List<Candidate> candidates) {
        // a person one of whose identities has the other known sex is not this person, however
        // alike another of its identities (one reported with sex unknown) looks
        Set<PersonId> otherSex = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (conflictingSex(incoming.sex(), candidate.demographics().sex())) {
                otherSex.add(candidate.person());
            }
        }
        List<Candidate> same = new ArrayList<>();
        List<Candidate> possible = new ArrayList<>();
        for (Candidate candidate : candidates) {
            switch (compare(incoming, candidate.demographics())) {
                case SAME -> (otherSex.contains(candidate.person()) ? possible : same).add(candidate);
                case POSSIBLE -> possible.add(candidate);
                case DIFFERENT -> {}
            }
        }
        long persons = same.stream().map(Candidate::person).distinct().count();
        if (persons == 1) {
            return new Outcome(same.getFirst().person(), List.of());
        }
        // a valid NHS number links deterministically: the one person who holds it, whoever else looks
        // alike; those others are left for a practitioner to judge against the linked identity
        List<PersonId> holders = same.stream()
                .filter(candidate -> holds(incoming, candidate))
                .map(Candidate::person)
                .distinct()
                .toList();
        if (holders.size() == 1) {
            PersonId holder = holders.getFirst();
            possible.addAll(same);
            return new Outcome(
                    holder,
                    possible.stream()
                            .filter(candidate -> !candidate.person().equals(holder))
                            .filter(distinctPersons())
                            .toList());
        }
        // two different persons both look the same: never guess, let a practitioner decide
        possible.addAll(same);
        return new Outcome(null, possible.stream().filter(distinctPersons()).toList());
    }

    static Verdict compare(Normalised a, Normalised b) {
        if (a.nhsNumber() != null && b.nhsNumber() != null) {
            if (!a.nhsNumber().equals(b.nhsNumber())) {
                return Verdict.DIFFERENT;
            }
            // the number is the same child's unless the record of it is wrong: a boy under his twin
            // sister's number, a date of birth that disagrees — a practitioner decides
            return a.dateOfBirth().equals(b.dateOfBirth()) && !conflictingSex(a.sex(), b.sex())
                    ? Verdict.SAME
                    : Verdict.POSSIBLE;
        }
        if (conflictingSex(a.sex(), b.sex())) {
            return Verdict.DIFFERENT;
        }
        boolean exactBirth = a.dateOfBirth().equals(b.dateOfBirth());
        if (!exactBirth && !nearBirth(a.dateOfBirth(), b.dateOfBirth())) {
            return Verdict.DIFFERENT;
        }
        boolean bothGiven = a.given() != null && b.given() != null;
        boolean exactNames =
                bothGiven && a.given().equals(b.given()) && a.family().equals(b.family());
        boolean swappedNames =
                bothGiven && a.given().equals(b.family()) && a.family().equals(b.given());
        boolean samePostcode = a.postcode() != null && a.postcode().equals(b.postcode());
        if (exactBirth && samePostcode && (exactNames || swappedNames)) {
            return Verdict.SAME;
        }
        boolean familyClose =
                close(a.family(), b.family()) || a.familyPhonetic().equals(b.familyPhonetic());
        boolean givenClose = !bothGiven || close(a.given(), b.given());
        boolean swappedClose = bothGiven && close(a.given(), b.family()) && close(a.family(), b.given());
        return (familyClose && givenClose) || swappedClose ? Verdict.POSSIBLE : Verdict.DIFFERENT;
    }

    private static boolean conflictingSex(Sex a, Sex b) {
        return a != Sex.UNKNOWN && b != Sex.UNKNOWN && a != b;
    }

    private static boolean holds(Normalised incoming, Candidate candidate) {
        return incoming.nhsNumber() != null
                && incoming.nhsNumber().equals(candidate.demographics().nhsNumber());
    }

    private static boolean close(String a, String b) {
        return Names.similarity(a, b) >= SIMILAR;
    }

    /** Day and month swapped, one day apart, or one year apart on the same day. */
    private static boolean nearBirth(LocalDate a, LocalDate b) {
        boolean swapped = a.getYear() == b.getYear()
                && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue();
        boolean dayApart = Math.abs(a.toEpochDay() - b.toEpochDay()) == 1;
        boolean yearApart = a.getMonthValue() == b.getMonthValue()
                && a.getDayOfMonth() == b.getDayOfMonth()
                && Math.abs(a.getYear() - b.getYear()) == 1;
        return swapped || dayApart || yearApart;
    }

    private static java.util.function.Predicate<Candidate> distinctPersons() {
        var seen = new java.util.HashSet<PersonId>();
        return candidate -> seen.add(candidate.person());
    }
}
