package uk.mashhub.ingest.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.mashhub.ingest.person.SyntheticPopulation.Agency;
import uk.mashhub.ingest.person.SyntheticPopulation.Child;
import uk.mashhub.ingest.person.SyntheticPopulation.Report;
import uk.mashhub.kernel.AgencyId;

/** The matching quality test is only as good as its population: these check the generator itself. */
class SyntheticPopulationTests {

    private static final LocalDate TODAY = LocalDate.of(2027, 3, 10);
    private static final List<Agency> AGENCIES = List.of(
            new Agency(new AgencyId("test-health"), "NHS", 0.9, 0.9, 0.0, 0.01, 0),
            new Agency(new AgencyId("test-police"), "POL", 0.3, 0.1, 0.8, 0.05, 0));

    private final SyntheticPopulation population = SyntheticPopulation.generate(7, 2_000, TODAY);
    private final List<Child> children = population.children();

    @Test
    void theSameSeedGivesTheSamePopulationAndReports() {
        SyntheticPopulation again = SyntheticPopulation.generate(7, 2_000, TODAY);

        assertThat(again.children()).isEqualTo(children);
        assertThat(again.reports(AGENCIES)).isEqualTo(population.reports(AGENCIES));
    }

    @Test
    void everyChildIsUnderEighteenWithAValidNhsNumberOfTheirOwn() {
        assertThat(children).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(children).allSatisfy(child -> {
            assertThat(child.born()).isAfter(TODAY.minusYears(18)).isBeforeOrEqualTo(TODAY);
            assertThat(NhsNumber.isValid(child.nhs().value())).isTrue();
        });
        assertThat(children.stream().map(Child::nhs).distinct()).hasSameSizeAs(children);
    }

    @Test
    void twinsShareFamilyNameBirthdayAndPostcodeButNotTheirGivenName() {
        Map<String, List<Child>> births = children.stream()
                .filter(Child::twin)
                .collect(Collectors.groupingBy(c -> c.household() + "|" + c.born()));

        assertThat(births).isNotEmpty();
        assertThat(births.values()).allSatisfy(twins -> {
            assertThat(twins).hasSizeBetween(2, 3);
            assertThat(twins.stream().map(Child::family).distinct()).hasSize(1);
            assertThat(twins.stream().map(Child::postcode).distinct()).hasSize(1);
            assertThat(twins.stream().map(c -> Names.normalise(c.given())).distinct())
                    .hasSameSizeAs(twins);
        });
    }

    @Test
    void noTwoChildrenHaveExactlyTheSameDetails() {
        Set<String> seen = new HashSet<>();
        for (Child child : children) {
            assertThat(seen.add(Names.normalise(child.given())
                            + Names.normalise(child.family())
                            + child.born()
                            + Names.postcode(child.postcode())))
                    .as("child %d", child.id())
                    .isTrue();
        }
    }

    @Test
    void manyUnrelatedChildrenShareAName() {
        long distinctNames = children.stream()
                .map(c -> c.given() + " " + c.family())
                .distinct()
                .count();

        assertThat(distinctNames).isLessThan(children.size() * 9L / 10);
        assertThat(population.namesakesBornTheSameDay()).isPositive();
    }

    @Test
    void reportsCarryTheNhsNumberAsOftenAsTheAgencyDoes() {
        List<Report> reports = population.reports(AGENCIES);
        Map<AgencyId, Double> withNhs = reports.stream()
                .collect(Collectors.groupingBy(
                        Report::agency,
                        Collectors.averagingDouble(r -> r.demographics().nhsNumber() == null ? 0 : 1)));

        assertThat(withNhs.get(AGENCIES.get(0).id())).isBetween(0.85, 0.95);
        assertThat(withNhs.get(AGENCIES.get(1).id())).isBetween(0.05, 0.15);
        assertThat(reports.stream().map(r -> r.agency() + r.localId()).distinct())
                .hasSameSizeAs(reports);
    }

    @Test
    void aTypoChangesOneLetter() {
        for (String name : List.of("Charlotte", "Muhammad", "Smith", "O'Brien")) {
            for (int i = 0; i < 50; i++) {
                String typo = population.typo(name);
                assertThat(Math.abs(typo.length() - name.length())).isLessThanOrEqualTo(1);
                assertThat(Names.similarity(Names.normalise(typo), Names.normalise(name)))
                        .as("%s → %s", name, typo)
                        .isGreaterThan(0.7);
            }
        }
    }
}
