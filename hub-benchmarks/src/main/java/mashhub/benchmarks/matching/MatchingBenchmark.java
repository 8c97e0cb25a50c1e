package mashhub.benchmarks.matching;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import mashhub.testsupport.EmbeddedPostgresServer;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.postgresql.PGConnection;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.NhsNumber;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.person.Sex;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;

/**
 * Resolves new agency identities against a population of persons (1,000,000 by default) on a real
 * PostgreSQL, through the real {@code Persons.resolve} with its locks, candidate query, matcher,
 * inserts and audit event, and reports latency percentiles beside a baseline measured in the same
 * run: a primary-key lookup in its own transaction on the same database.
 */
public final class MatchingBenchmark {

    private static final String[] GIVEN = {
        "AMELIA",
        "OLIVIA",
        "ISLA",
        "AVA",
        "MIA",
        "IVY",
        "LILY",
        "FREYA",
        "GRACE",
        "SOPHIA",
        "OLIVER",
        "NOAH",
        "GEORGE",
        "LEO",
        "ARTHUR",
        "THEO",
        "JACK",
        "HARRY",
        "OSCAR",
        "CHARLIE",
        "MUHAMMAD",
        "ALFIE",
        "FINLEY",
        "JASMINE",
        "EVIE",
        "POPPY",
        "ROSIE",
        "ELSIE",
        "HARPER",
        "ZARA"
    };
    private static final String[] FAMILY = {
        "SMITH",
        "JONES",
        "TAYLOR",
        "BROWN",
        "WILLIAMS",
        "WILSON",
        "JOHNSON",
        "DAVIES",
        "PATEL",
        "ROBINSON",
        "WRIGHT",
        "THOMPSON",
        "EVANS",
        "WALKER",
        "WHITE",
        "ROBERTS",
        "GREEN",
        "HALL",
        "WOOD",
        "JACKSON",
        "CLARKE",
        "KHAN",
        "HUGHES",
        "EDWARDS",
        "BEGUM",
        "OKAFOR",
        "NOWAK",
        "HART",
        "QUINN",
        "MORGAN"
    };

    private MatchingBenchmark() {}

    /** Just what resolving needs: the ingest and audit modules on a datasource, with a clock. */
    @SpringBootApplication(scanBasePackages = {"uk.mashhub.ingest", "uk.mashhub.audit"})
    static class Matching {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    public static void main(String[] args) throws Exception {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (var postgres = EmbeddedPostgresServer.startThrowAway()) {
            // as arguments, not default properties: they must win over any application.yml on the classpath
            var context = new SpringApplicationBuilder(Matching.class)
                    .run(
                            "--spring.datasource.url=" + postgres.jdbcUrl(),
                            "--spring.datasource.username=" + postgres.username(),
                            "--spring.datasource.password=" + postgres.password(),
                            "--spring.liquibase.change-log=classpath:db/matching-benchmark.yaml",
                            "--spring.kafka.admin.auto-create=false",
                            "--hub.audit.chain.checkpoint-key-made-at-start=true",
                            "--spring.main.web-application-type=none",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN");
            try (context) {
                var dataSource = context.getBean(DataSource.class);
                long loading = System.nanoTime();
                load(dataSource, population, new Random(42));
                System.out.printf(
                        Locale.ROOT,
                        "loaded %,d persons and identities in %.1f s%n",
                        population,
                        (System.nanoTime() - loading) / 1e9);
                var jdbc = context.getBean(JdbcClient.class);
                jdbc.sql("ANALYZE ingest.person_identity").update();
                jdbc.sql("ANALYZE ingest.person").update();
                var persons = context.getBean(Persons.class);
                var transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                Random random = new Random(7);
                Actor actor = new Actor(new AgencyId("benchmark-agency"), "benchmark");
                for (int i = 0; i < 2_000; i++) {
                    resolve(persons, actor, random, population, i);
                }
                long[] resolving = new long[lookups];
                for (int i = 0; i < lookups; i++) {
                    long start = System.nanoTime();
                    resolve(persons, actor, random, population, 2_000 + i);
                    resolving[i] = System.nanoTime() - start;
                }
                long[] baseline = new long[lookups];
                for (int i = 0; i < lookups; i++) {
                    String id = new UUID(0x1dL, random.nextInt(population)).toString();
                    long start = System.nanoTime();
                    transaction.executeWithoutResult(
                            status -> jdbc.sql("SELECT family_name FROM ingest.person_identity WHERE id = ?::uuid")
                                    .param(id)
                                    .query(String.class)
                                    .optional());
                    baseline[i] = System.nanoTime() - start;
                }
                report(population, lookups, resolving, baseline);
            }
        }
    }

    /** One new identity: half are reports of existing persons (a third of those with a typo), half are new children. */
    private static void resolve(Persons persons, Actor actor, Random random, int population, int n) {
        Demographics demographics;
        if (random.nextBoolean()) {
            int existing = random.nextInt(population);
            Random person = new Random(existing);
            String given = GIVEN[person.nextInt(GIVEN.length)];
            String family = FAMILY[person.nextInt(FAMILY.length)] + (existing % 997);
            LocalDate born = LocalDate.of(2008, 1, 1).plusDays(person.nextInt(6_570));
            if (random.nextInt(3) == 0) {
                given = given.substring(0, given.length() - 1) + "E";
            }
            demographics = new Demographics(given, family, born, Sex.UNKNOWN, postcode(existing), null);
        } else {
            demographics = new Demographics(
                    GIVEN[random.nextInt(GIVEN.length)],
                    FAMILY[random.nextInt(FAMILY.length)] + "NEW" + n,
                    LocalDate.of(2008, 1, 1).plusDays(random.nextInt(6_570)),
                    Sex.UNKNOWN,
                    null,
                    null);
        }
        persons.resolve(actor.agency(), "B-" + n, demographics, actor);
    }

    private static String postcode(int household) {
        return "NS" + (1 + household % 9) + " " + (household % 10) + (char) ('A' + household % 26)
                + (char) ('A' + (household / 26) % 26);
    }

    /** Writes the population with COPY: persons (60 % with a valid NHS number) and one identity each. */
    private static void load(DataSource dataSource, int population, Random random) throws Exception {
        var metaphone = new DoubleMetaphone();
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder persons = new StringBuilder();
            StringBuilder identities = new StringBuilder();
            int chunk = 50_000;
            for (int start = 0; start < population; start += chunk) {
                persons.setLength(0);
                identities.setLength(0);
                for (int i = start; i < Math.min(population, start + chunk); i++) {
                    Random person = new Random(i);
                    String given = GIVEN[person.nextInt(GIVEN.length)];
                    String family = FAMILY[person.nextInt(FAMILY.length)] + (i % 997);
                    LocalDate born = LocalDate.of(2008, 1, 1).plusDays(person.nextInt(6_570));
                    String nhs = i % 5 < 3 ? nhs(i) : null;
                    UUID personId = new UUID(0x9eL, i);
                    persons.append(personId)
                            .append('\t')
                            .append(nhs == null ? "\\N" : nhs)
                            .append("\t2027-01-01 00:00:00+00\n");
                    identities
                            .append(new UUID(0x1dL, i))
                            .append("\tpopulation-agency\tL-")
                            .append(i)
                            .append('\t')
                            .append(personId)
                            .append('\t')
                            .append(given)
                            .append('\t')
                            .append(family)
                            .append('\t')
                            .append(metaphone.doubleMetaphone(family))
                            .append('\t')
                            .append(born)
                            .append("\tUNKNOWN\t")
                            .append(postcode(i).replace(" ", ""))
                            .append('\t')
                            .append(nhs == null ? "\\N" : nhs)
                            .append("\tNEW_PERSON\t2027-01-01 00:00:00+00\n");
                }
                copy.copyIn(
                        "COPY ingest.person (id, nhs_number, created_at) FROM STDIN",
                        new StringReader(persons.toString()));
                copy.copyIn("""
                        COPY ingest.person_identity (id, agency_id, local_id, person_id, given_name, family_name, family_phonetic,
                          date_of_birth, sex, postcode, nhs_number, linked_by, linked_at) FROM STDIN""", new StringReader(identities.toString()));
            }
        }
    }

    /** A valid NHS number derived from {@code i}: nine digits and the modulus 11 check digit (skipping remainder 10). */
    private static String nhs(int i) {
        for (int bump = 0; ; bump++) {
            String nine = String.format("%09d", (400_000_000L + (long) i * 7 + bump) % 1_000_000_000L);
            for (int last = 0; last <= 9; last++) {
                if (NhsNumber.isValid(nine + last)) {
                    return nine + last;
                }
            }
        }
    }

    private static void report(int population, int lookups, long[] resolving, long[] baseline) {
        Arrays.sort(resolving);
        Arrays.sort(baseline);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "== Matching a new identity against %,d persons (%,d resolutions, one transaction each)%n",
                population,
                lookups);
        System.out.printf(
                Locale.ROOT,
                "resolve   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                ms(resolving, 0.50),
                ms(resolving, 0.90),
                ms(resolving, 0.99),
                resolving[resolving.length - 1] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "baseline  p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   (primary-key lookup, own transaction)%n",
                ms(baseline, 0.50),
                ms(baseline, 0.90),
                ms(baseline, 0.99));
        System.out.printf(
                Locale.ROOT, "ratio p99 resolve / baseline   %.1f%n", ms(resolving, 0.99) / ms(baseline, 0.99));
        System.out.printf(
                Locale.ROOT, "goal (p99 < 10 ms)             %s%n", ms(resolving, 0.99) < 10 ? "met" : "NOT MET");
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
