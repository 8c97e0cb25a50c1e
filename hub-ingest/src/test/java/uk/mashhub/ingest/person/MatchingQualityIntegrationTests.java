package uk.mashhub.ingest.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.ingest.IngestIntegrationTest;
import uk.mashhub.ingest.person.SyntheticPopulation.Agency;
import uk.mashhub.ingest.person.SyntheticPopulation.Child;
import uk.mashhub.ingest.person.SyntheticPopulation.Report;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.PersonId;

/**
 * How well the hub links a realistic population: every report of a synthetic population of
 * children goes through {@link Persons#resolve} on the real database, and the links it made are
 * compared with the truth. A wrong automatic link puts one child's records in another child's
 * person, which is a data breach: there must be none. Missed links only cost recall, which is
 * measured and held above a floor.
 *
 * <p>The figures are printed on lines starting {@code MATCHING QUALITY} so they can be quoted.
 */
@IngestIntegrationTest
class MatchingQualityIntegrationTests {

    private static final long SEED = 20_270_310L;
    private static final int CHILDREN = 10_000;
    private static final int BATCH = 500;

    /** Agency ids of their own, so that no other test's identities are counted. */
    private static final List<Agency> AGENCIES = List.of(
            new Agency(new AgencyId("quality-health"), "NHS", 0.85, 0.88, 0.0, 0.01, 0),
            new Agency(new AgencyId("quality-schools"), "UPN", 0.70, 0.25, 0.10, 0.02, 4),
            new Agency(new AgencyId("quality-social-care"), "LCS", 0.35, 0.50, 0.0, 0.03, 0),
            new Agency(new AgencyId("quality-police"), "NICHE", 0.25, 0.10, 0.80, 0.05, 0));

    private final Persons persons;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MutableClock clock;

    MatchingQualityIntegrationTests(
            @Autowired Persons persons,
            @Autowired JdbcClient jdbc,
            @Autowired PlatformTransactionManager transactionManager,
            @Autowired MutableClock clock) {
        this.persons = persons;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** One report as the hub resolved it. */
    private record Resolved(IdentityId identity, int child, boolean nhs, Resolution.LinkKind link) {}

    @Test
    void neverLinksTwoChildrenAndLinksMostReportsOfOneChild() {
        long started = System.nanoTime();
        LocalDate today = LocalTime.today(clock.instant());
        SyntheticPopulation population = SyntheticPopulation.generate(SEED, CHILDREN, today);
        List<Child> children = population.children();
        List<Report> reports = population.reports(AGENCIES);
        long generated = System.nanoTime();

        List<Resolved> resolved = resolveAll(reports);
        long linked = System.nanoTime();

        Map<IdentityId, PersonId> personOf =
                persons.personsOf(resolved.stream().map(Resolved::identity).toList());
        Quality quality = measure(resolved, personOf);
        Review review = reviewQueue(resolved, personOf);
        long finished = System.nanoTime();

        long withNhs = resolved.stream().filter(Resolved::nhs).count();
        Map<Resolution.LinkKind, Long> links = new EnumMap<>(Resolution.LinkKind.class);
        resolved.forEach(r -> links.merge(r.link(), 1L, Long::sum));
        print(
                "population",
                "%d children aged 0-17 in %d households, %d of them twins or triplets, %d namesakes born the same day",
                children.size(),
                population.households(),
                population.twins(),
                population.namesakesBornTheSameDay());
        print(
                "reports",
                "%d from %d agencies, %.1f%% with the NHS number (%d noisy drafts redrawn as exactly another child)",
                resolved.size(),
                AGENCIES.size(),
                100.0 * withNhs / resolved.size(),
                population.redrawn());
        print("links made", "%s", links);
        print(
                "wrong automatic links",
                "%d identity pairs in one person whose children differ (%d persons hold more than one child)",
                quality.wrongPairs(),
                quality.mixedPersons());
        print(
                "recall with NHS",
                "%.4f (%d of %d pairs of reports of one child, both with the NHS number, in one person)",
                quality.recallWithNhs(),
                quality.linkedWithNhs(),
                quality.pairsWithNhs());
        print(
                "recall without NHS",
                "%.4f (%d of %d pairs, at least one report without the NHS number)",
                quality.recallWithoutNhs(),
                quality.linkedWithoutNhs(),
                quality.pairsWithoutNhs());
        print(
                "recall overall",
                "%.4f (%d of %d pairs); %d children in one person, %d split",
                quality.recall(),
                quality.linkedWithNhs() + quality.linkedWithoutNhs(),
                quality.pairsWithNhs() + quality.pairsWithoutNhs(),
                quality.wholeChildren(),
                quality.splitChildren());
        print(
                "review queue",
                "%d pending possible matches for %d identities (%.1f%% of reports); %.1f%% of them name the right child",
                review.pending(),
                review.identities(),
                100.0 * review.identities() / resolved.size(),
                100.0 * review.right() / Math.max(1, review.pending()));
        print(
                "recall after review",
                "%.4f if practitioners confirm every right suggestion and reject the rest",
                review.recallAfterReview());
        print(
                "runtime",
                "%.1f s in all: %.1f s generating, %.1f s resolving (%.2f ms a report), %.1f s measuring",
                seconds(finished - started),
                seconds(generated - started),
                seconds(linked - generated),
                (linked - generated) / 1e6 / resolved.size(),
                seconds(finished - linked));

        assertThat(children).hasSizeGreaterThanOrEqualTo(CHILDREN);
        assertThat(quality.wrongPairs()).as("wrong automatic links").isZero();
        assertThat(quality.mixedPersons()).as("persons holding two children").isZero();
        // floors: what the seeded population gave (0.945, 0.633, 93.6%, 0.947) less a margin
        assertThat(quality.recallWithNhs()).as("recall with NHS").isGreaterThanOrEqualTo(0.93);
        assertThat(quality.recallWithoutNhs()).as("recall without NHS").isGreaterThanOrEqualTo(0.60);
        assertThat((double) review.right() / review.pending())
                .as("review suggestions naming the right child")
                .isGreaterThanOrEqualTo(0.85);
        assertThat(review.recallAfterReview()).as("recall after review").isGreaterThanOrEqualTo(0.92);
    }

    private List<Resolved> resolveAll(List<Report> reports) {
        List<Resolved> resolved = new ArrayList<>(reports.size());
        for (int from = 0; from < reports.size(); from += BATCH) {
            List<Report> batch = reports.subList(from, Math.min(reports.size(), from + BATCH));
            transactions.executeWithoutResult(status -> {
                for (Report report : batch) {
                    Resolution resolution = persons.resolve(
                            report.agency(),
                            report.localId(),
                            report.demographics(),
                            new Actor(report.agency(), "records-system"));
                    resolved.add(new Resolved(
                            resolution.identity(),
                            report.child(),
                            report.demographics().nhsNumber() != null,
                            resolution.link()));
                }
            });
        }
        return resolved;
    }

    private record Quality(
            long wrongPairs,
            long mixedPersons,
            long pairsWithNhs,
            long linkedWithNhs,
            long pairsWithoutNhs,
            long linkedWithoutNhs,
            long wholeChildren,
            long splitChildren) {

        double recallWithNhs() {
            return (double) linkedWithNhs / pairsWithNhs;
        }

        double recallWithoutNhs() {
            return (double) linkedWithoutNhs / pairsWithoutNhs;
        }

        double recall() {
            return (double) (linkedWithNhs + linkedWithoutNhs) / (pairsWithNhs + pairsWithoutNhs);
        }
    }

    private static Quality measure(List<Resolved> resolved, Map<IdentityId, PersonId> personOf) {
        Map<PersonId, List<Resolved>> byPerson = new HashMap<>();
        Map<Integer, List<Resolved>> byChild = new HashMap<>();
        for (Resolved r : resolved) {
            byPerson.computeIfAbsent(personOf.get(r.identity()), p -> new ArrayList<>())
                    .add(r);
            byChild.computeIfAbsent(r.child(), c -> new ArrayList<>()).add(r);
        }
        long wrongPairs = 0;
        long mixedPersons = 0;
        for (List<Resolved> identities : byPerson.values()) {
            Map<Integer, Long> perChild = new HashMap<>();
            identities.forEach(r -> perChild.merge(r.child(), 1L, Long::sum));
            if (perChild.size() > 1) {
                mixedPersons++;
                long n = identities.size();
                long sameChild = perChild.values().stream()
                        .mapToLong(k -> k * (k - 1) / 2)
                        .sum();
                wrongPairs += n * (n - 1) / 2 - sameChild;
            }
        }
        long pairsWithNhs = 0, linkedWithNhs = 0, pairsWithoutNhs = 0, linkedWithoutNhs = 0;
        long whole = 0, split = 0;
        for (List<Resolved> reports : byChild.values()) {
            Set<PersonId> personsOfChild = new HashSet<>();
            for (int i = 0; i < reports.size(); i++) {
                Resolved a = reports.get(i);
                personsOfChild.add(personOf.get(a.identity()));
                for (int j = i + 1; j < reports.size(); j++) {
                    Resolved b = reports.get(j);
                    boolean together = personOf.get(a.identity()).equals(personOf.get(b.identity()));
                    if (a.nhs() && b.nhs()) {
                        pairsWithNhs++;
                        linkedWithNhs += together ? 1 : 0;
                    } else {
                        pairsWithoutNhs++;
                        linkedWithoutNhs += together ? 1 : 0;
                    }
                }
            }
            if (reports.size() > 1) {
                if (personsOfChild.size() == 1) {
                    whole++;
                } else {
                    split++;
                }
            }
        }
        return new Quality(
                wrongPairs, mixedPersons, pairsWithNhs, linkedWithNhs, pairsWithoutNhs, linkedWithoutNhs, whole, split);
    }

    private record Review(long pending, long identities, long right, double recallAfterReview) {}

    /**
     * The pending possible matches of these reports, how many name a person that holds the same
     * child, and the recall if a practitioner confirmed exactly those.
     */
    private Review reviewQueue(List<Resolved> resolved, Map<IdentityId, PersonId> personOf) {
        Map<IdentityId, Resolved> byIdentity = new HashMap<>();
        resolved.forEach(r -> byIdentity.put(r.identity(), r));
        Map<PersonId, Set<Integer>> childrenOf = new HashMap<>();
        resolved.forEach(r -> childrenOf
                .computeIfAbsent(personOf.get(r.identity()), p -> new HashSet<>())
                .add(r.child()));
        List<UUID[]> pending = jdbc.sql("""
                        SELECT r.identity_id, r.candidate_person_id FROM ingest.match_review r
                          JOIN ingest.person_identity i ON i.id = r.identity_id
                         WHERE r.status = 'PENDING' AND i.agency_id LIKE 'quality-%'""")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .list();
        var merged = new UnionFind();
        long right = 0;
        Set<IdentityId> queued = new HashSet<>();
        for (UUID[] row : pending) {
            Resolved identity = byIdentity.get(new IdentityId(row[0]));
            PersonId candidate = new PersonId(row[1]);
            queued.add(identity.identity());
            if (childrenOf.getOrDefault(candidate, Set.of()).contains(identity.child())) {
                right++;
                merged.union(personOf.get(identity.identity()), candidate);
            }
        }
        Map<Integer, List<PersonId>> reviewedPersons = new HashMap<>();
        resolved.forEach(r -> reviewedPersons
                .computeIfAbsent(r.child(), c -> new ArrayList<>())
                .add(merged.find(personOf.get(r.identity()))));
        long pairs = 0, together = 0;
        for (List<PersonId> ofChild : reviewedPersons.values()) {
            for (int i = 0; i < ofChild.size(); i++) {
                for (int j = i + 1; j < ofChild.size(); j++) {
                    pairs++;
                    together += ofChild.get(i).equals(ofChild.get(j)) ? 1 : 0;
                }
            }
        }
        return new Review(pending.size(), queued.size(), right, (double) together / pairs);
    }

    private static final class UnionFind {
        private final Map<PersonId, PersonId> parent = new HashMap<>();

        PersonId find(PersonId person) {
            PersonId root = person;
            while (parent.containsKey(root)) {
                root = parent.get(root);
            }
            return root;
        }

        void union(PersonId a, PersonId b) {
            PersonId ra = find(a);
            PersonId rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(ra, rb);
            }
        }
    }

    private static void print(String label, String format, Object... values) {
        System.out.println("MATCHING QUALITY " + label + ": " + String.format(Locale.ROOT, format, values));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
