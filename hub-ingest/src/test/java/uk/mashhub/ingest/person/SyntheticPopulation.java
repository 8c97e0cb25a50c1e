package uk.mashhub.ingest.person;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.AgencyId;

/**
 * A synthetic but realistic population of children for testing matching, and the reports that
 * agencies make of them, with the noise real agency records carry. Everything comes from one seeded
 * {@link Random}, so a run is repeatable.
 *
 * <ul>
 *   <li>Names are drawn from lists of common UK names with a Zipf-like skew, so many unrelated
 *       children share a name. A few unrelated namesakes are even born on the same day.
 *   <li>Households share a family name and a postcode; several households share each postcode;
 *       some households have moved and agencies may still hold the old postcode.
 *   <li>Twins (and the odd set of triplets) share family name, date of birth and postcode; a good
 *       share get deliberately similar given names (Finley and Finlay, Amelia and Amelie).
 *   <li>Reports leave out the NHS number about half the time, and carry one-letter typos,
 *       transposed given and family names, nicknames, missing given names, postcodes in any case
 *       and spacing or an old postcode, day and month swapped, and an unknown sex.
 * </ul>
 *
 * A noisy report whose names, date of birth and postcode are exactly another child's (say a typo
 * that turns Finley into his twin Finlay) is a record no matcher can tell from the other child's:
 * it is drawn again, and {@link #redrawn()} counts how often that happened.
 */
final class SyntheticPopulation {

    static final List<String> GIRLS = List.of(
            "Olivia",
            "Amelia",
            "Isla",
            "Ava",
            "Mia",
            "Ivy",
            "Lily",
            "Isabella",
            "Rosie",
            "Sophia",
            "Grace",
            "Willow",
            "Freya",
            "Florence",
            "Emily",
            "Ella",
            "Poppy",
            "Evie",
            "Elsie",
            "Charlotte",
            "Evelyn",
            "Sienna",
            "Sofia",
            "Daisy",
            "Phoebe",
            "Sophie",
            "Alice",
            "Harper",
            "Matilda",
            "Ruby",
            "Emilia",
            "Maya",
            "Millie",
            "Isabelle",
            "Eva",
            "Luna",
            "Jessica",
            "Elizabeth",
            "Chloe",
            "Isabel",
            "Arabella",
            "Esme",
            "Erin",
            "Scarlett",
            "Layla",
            "Holly",
            "Lola",
            "Imogen",
            "Aria",
            "Thea",
            "Hannah",
            "Amelie",
            "Lila",
            "Molly",
            "Zara",
            "Aisha",
            "Maryam",
            "Fatima",
            "Amira",
            "Niamh",
            "Ellie",
            "Leila",
            "Mollie",
            "Zoë");

    static final List<String> BOYS = List.of(
            "Oliver",
            "George",
            "Noah",
            "Arthur",
            "Harry",
            "Leo",
            "Muhammad",
            "Jack",
            "Charlie",
            "Oscar",
            "Jacob",
            "Henry",
            "Thomas",
            "Freddie",
            "Alfie",
            "Theo",
            "William",
            "Theodore",
            "Archie",
            "Joshua",
            "Alexander",
            "James",
            "Isaac",
            "Edward",
            "Lucas",
            "Tommy",
            "Finley",
            "Max",
            "Logan",
            "Ethan",
            "Mohammed",
            "Teddy",
            "Benjamin",
            "Arlo",
            "Joseph",
            "Sebastian",
            "Harrison",
            "Elijah",
            "Adam",
            "Daniel",
            "Samuel",
            "Louie",
            "Mason",
            "Reuben",
            "Albert",
            "Rory",
            "Jaxon",
            "Hugo",
            "Luca",
            "Zachary",
            "Reggie",
            "Hunter",
            "Louis",
            "Dylan",
            "Albie",
            "Ronnie",
            "Jude",
            "Toby",
            "Finlay",
            "Harvey",
            "Jake",
            "Aiden",
            "Aidan",
            "Jason",
            "Mohammad",
            "Ibrahim",
            "Kacper",
            "Seán");

    static final List<String> FAMILIES = List.of(
            "Smith",
            "Jones",
            "Williams",
            "Taylor",
            "Brown",
            "Davies",
            "Evans",
            "Wilson",
            "Thomas",
            "Johnson",
            "Roberts",
            "Robinson",
            "Thompson",
            "Wright",
            "Walker",
            "White",
            "Edwards",
            "Hughes",
            "Green",
            "Hall",
            "Lewis",
            "Harris",
            "Clarke",
            "Patel",
            "Jackson",
            "Wood",
            "Turner",
            "Martin",
            "Cooper",
            "Hill",
            "Ward",
            "Morris",
            "Moore",
            "Clark",
            "Lee",
            "King",
            "Baker",
            "Harrison",
            "Morgan",
            "Allen",
            "James",
            "Scott",
            "Phillips",
            "Watson",
            "Davis",
            "Parker",
            "Price",
            "Bennett",
            "Young",
            "Griffiths",
            "Mitchell",
            "Kelly",
            "Cook",
            "Carter",
            "Richardson",
            "Bailey",
            "Collins",
            "Khan",
            "Begum",
            "Hussain",
            "Ali",
            "Ahmed",
            "Singh",
            "Kaur",
            "Nowak",
            "O'Brien",
            "McDonald",
            "Murphy",
            "Jenkins-Ward");

    /** Same-sex twin names that are deliberately close: one letter or one sound apart. */
    private static final List<List<String>> SIMILAR_TWIN_GIRLS = List.of(
            List.of("Amelia", "Amelie"),
            List.of("Lily", "Lila"),
            List.of("Ella", "Ellie"),
            List.of("Ava", "Eva"),
            List.of("Sophia", "Sofia"),
            List.of("Isabel", "Isabella"),
            List.of("Millie", "Mollie"),
            List.of("Layla", "Leila"),
            List.of("Evie", "Eve"));

    private static final List<List<String>> SIMILAR_TWIN_BOYS = List.of(
            List.of("Finley", "Finlay"),
            List.of("Aiden", "Aidan"),
            List.of("Harry", "Harvey"),
            List.of("Jack", "Jake"),
            List.of("Mason", "Jason"),
            List.of("Louie", "Louis"),
            List.of("Leo", "Theo"),
            List.of("Alfie", "Albie"),
            List.of("Ronnie", "Reggie"));

    private static final Map<String, List<String>> NICKNAMES = Map.ofEntries(
            Map.entry("Thomas", List.of("Tom", "Tommy")),
            Map.entry("William", List.of("Will", "Billy", "Liam")),
            Map.entry("James", List.of("Jamie", "Jim")),
            Map.entry("Alexander", List.of("Alex", "Xander")),
            Map.entry("Samuel", List.of("Sam", "Sammy")),
            Map.entry("Joshua", List.of("Josh")),
            Map.entry("Benjamin", List.of("Ben", "Benji")),
            Map.entry("Daniel", List.of("Dan", "Danny")),
            Map.entry("Joseph", List.of("Joe", "Joey")),
            Map.entry("Oliver", List.of("Ollie", "Olly")),
            Map.entry("Frederick", List.of("Freddie")),
            Map.entry("Theodore", List.of("Theo", "Teddy")),
            Map.entry("Edward", List.of("Ed", "Eddie", "Ted")),
            Map.entry("Zachary", List.of("Zach", "Zac")),
            Map.entry("Sebastian", List.of("Seb")),
            Map.entry("Reuben", List.of("Rube")),
            Map.entry("Charlotte", List.of("Lottie", "Charlie")),
            Map.entry("Elizabeth", List.of("Beth", "Lizzie", "Eliza")),
            Map.entry("Isabella", List.of("Bella", "Izzy")),
            Map.entry("Isabelle", List.of("Belle", "Izzy")),
            Map.entry("Olivia", List.of("Liv", "Livvy")),
            Map.entry("Amelia", List.of("Millie", "Mia")),
            Map.entry("Jessica", List.of("Jess")),
            Map.entry("Matilda", List.of("Tilly", "Tilda")),
            Map.entry("Florence", List.of("Flo", "Florrie")),
            Map.entry("Evelyn", List.of("Evie")),
            Map.entry("Arabella", List.of("Bella")),
            Map.entry("Imogen", List.of("Immy")),
            Map.entry("Hannah", List.of("Han")),
            Map.entry("Phoebe", List.of("Phebe")));

    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final String[] KEYBOARD =
            "qwertyuiop asdfghjkl zxcvbnm".split(" "); // rows, for typos that hit a neighbouring key

    record Child(
            int id,
            int household,
            String given,
            String family,
            LocalDate born,
            Sex sex,
            String postcode,
            @Nullable String oldPostcode,
            NhsNumber nhs,
            boolean twin) {}

    /** An agency's record of a child, as the agency sends it to the hub. */
    record Report(int child, AgencyId agency, String localId, Demographics demographics) {}

    /**
     * How an agency knows children: how likely it holds a record of a child, carries the NHS number,
     * writes names in capitals, holds a second record of the same child, and from what age.
     */
    record Agency(
            AgencyId id, String prefix, double reports, double nhs, double capitals, double duplicate, int fromAge) {}

    private final Random random;
    private final LocalDate today;
    private final List<Child> children = new ArrayList<>();
    private final Map<String, Set<Integer>> keys = new HashMap<>();
    private final Set<String> nhsNumbers = new HashSet<>();
    private final double[] girlWeights = zipf(GIRLS.size());
    private final double[] boyWeights = zipf(BOYS.size());
    private final double[] familyWeights = zipf(FAMILIES.size());
    private int households;
    private int namesakes;
    private int redrawn;

    private SyntheticPopulation(Random random, LocalDate today) {
        this.random = random;
        this.today = today;
    }

    /** At least {@code size} children aged 0 to 17 on {@code today}. */
    static SyntheticPopulation generate(long seed, int size, LocalDate today) {
        var population = new SyntheticPopulation(new Random(seed), today);
        population.populate(size);
        return population;
    }

    List<Child> children() {
        return Collections.unmodifiableList(children);
    }

    int households() {
        return households;
    }

    int namesakesBornTheSameDay() {
        return namesakes;
    }

    int redrawn() {
        return redrawn;
    }

    long twins() {
        return children.stream().filter(Child::twin).count();
    }

    // ---- the population

    private void populate(int size) {
        List<String> postcodes = postcodes(Math.max(50, size / 5));
        LocalDate earliest = today.minusYears(18).plusDays(1);
        int span = (int) ChronoUnit.DAYS.between(earliest, today);
        while (children.size() < size - 30) {
            int household = households++;
            String family = pick(FAMILIES, familyWeights);
            String postcode = postcodes.get(random.nextInt(postcodes.size()));
            String oldPostcode = random.nextDouble() < 0.2 ? postcodes.get(random.nextInt(postcodes.size())) : null;
            if (postcode.equals(oldPostcode)) {
                oldPostcode = null;
            }
            int births = births();
            LocalDate born = earliest.plusDays(random.nextInt(span + 1));
            Set<String> givenInHousehold = new HashSet<>();
            for (int b = 0; b < births && !born.isAfter(today); b++) {
                double multiple = random.nextDouble();
                int together = multiple < 0.002 ? 3 : multiple < 0.045 ? 2 : 1;
                List<String> similar = together == 2 && random.nextDouble() < 0.45 ? similarPair() : null;
                for (int t = 0; t < together; t++) {
                    Sex sex;
                    String given;
                    if (similar != null) {
                        sex = GIRLS.contains(similar.getFirst()) ? Sex.FEMALE : Sex.MALE;
                        given = similar.get(t);
                    } else {
                        sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
                        given = null;
                    }
                    addChild(
                            household, given, family, born, sex, postcode, oldPostcode, together > 1, givenInHousehold);
                }
                born = born.plusDays(300 + random.nextInt(1200));
            }
        }
        addNamesakesBornTheSameDay(30, postcodes);
    }

    private int births() {
        double r = random.nextDouble();
        return r < 0.35 ? 1 : r < 0.73 ? 2 : r < 0.92 ? 3 : 4;
    }

    private List<String> similarPair() {
        var pairs = random.nextBoolean() ? SIMILAR_TWIN_GIRLS : SIMILAR_TWIN_BOYS;
        return pairs.get(random.nextInt(pairs.size()));
    }

    private void addChild(
            int household,
            @Nullable String chosen,
            String family,
            LocalDate born,
            Sex sex,
            String postcode,
            @Nullable String oldPostcode,
            boolean twin,
            Set<String> givenInHousehold) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String given = chosen != null && attempt == 0 ? chosen : givenName(sex);
            if (Names.normalise(given).equals(Names.normalise(family))
                    || givenInHousehold.contains(Names.normalise(given))
                    || clashes(given, family, born, postcode, oldPostcode)) {
                continue;
            }
            givenInHousehold.add(Names.normalise(given));
            var child = new Child(
                    children.size(), household, given, family, born, sex, postcode, oldPostcode, nhsNumber(), twin);
            children.add(child);
            remember(child);
            return;
        }
        throw new IllegalStateException("no free name for a child in household " + household);
    }

    /** Unrelated children with the same names born on the same day, at other addresses. */
    private void addNamesakesBornTheSameDay(int count, List<String> postcodes) {
        int added = 0;
        while (added < count) {
            Child original = children.get(random.nextInt(children.size()));
            String postcode = postcodes.get(random.nextInt(postcodes.size()));
            if (postcode.equals(original.postcode())
                    || postcode.equals(original.oldPostcode())
                    || clashes(original.given(), original.family(), original.born(), postcode, null)) {
                continue;
            }
            var namesake = new Child(
                    children.size(),
                    households++,
                    original.given(),
                    original.family(),
                    original.born(),
                    original.sex(),
                    postcode,
                    null,
                    nhsNumber(),
                    false);
            children.add(namesake);
            remember(namesake);
            added++;
        }
        namesakes = added;
    }

    private String givenName(Sex sex) {
        return sex == Sex.FEMALE ? pick(GIRLS, girlWeights) : pick(BOYS, boyWeights);
    }

    private boolean clashes(
            String given, String family, LocalDate born, String postcode, @Nullable String oldPostcode) {
        for (String code : oldPostcode == null ? List.of(postcode) : List.of(postcode, oldPostcode)) {
            if (keys.containsKey(key(given, family, born, code)) || keys.containsKey(key(family, given, born, code))) {
                return true;
            }
        }
        return false;
    }

    /** Every way the child's exact details can be written: current and old postcode, names either way round. */
    private void remember(Child child) {
        for (String code : child.oldPostcode() == null
                ? List.of(child.postcode())
                : List.of(child.postcode(), child.oldPostcode())) {
            keys.computeIfAbsent(key(child.given(), child.family(), child.born(), code), k -> new HashSet<>())
                    .add(child.id());
            keys.computeIfAbsent(key(child.family(), child.given(), child.born(), code), k -> new HashSet<>())
                    .add(child.id());
        }
    }

    private static String key(String given, String family, LocalDate born, String postcode) {
        return Names.normalise(given) + '|' + Names.normalise(family) + '|' + born + '|' + Names.postcode(postcode);
    }

    private List<String> postcodes(int count) {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < count) {
            codes.add("NS" + (1 + random.nextInt(24)) + " " + random.nextInt(10)
                    + UNIT_LETTERS.charAt(random.nextInt(UNIT_LETTERS.length()))
                    + UNIT_LETTERS.charAt(random.nextInt(UNIT_LETTERS.length())));
        }
        return new ArrayList<>(codes);
    }

    /** A valid NHS number in the 400 million range that no other child has. */
    private NhsNumber nhsNumber() {
        while (true) {
            String first = Integer.toString(400_000_000 + random.nextInt(100_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10 && nhsNumbers.add(first + check)) {
                return new NhsNumber(first + check);
            }
        }
    }

    private static double[] zipf(int size) {
        double[] cumulative = new double[size];
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += 1 / Math.pow(i + 1, 0.7);
            cumulative[i] = total;
        }
        for (int i = 0; i < size; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    private String pick(List<String> names, double[] cumulative) {
        double r = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return names.get(i);
            }
        }
        return names.getLast();
    }

    // ---- the reports

    /** Every agency's reports of the children, shuffled into the order they reach the hub. */
    List<Report> reports(List<Agency> agencies) {
        List<Report> reports = new ArrayList<>();
        Map<String, Integer> localIds = new HashMap<>();
        for (Child child : children) {
            int age = (int) ChronoUnit.YEARS.between(child.born(), today);
            for (Agency agency : agencies) {
                if (age < agency.fromAge() || random.nextDouble() >= agency.reports()) {
                    continue;
                }
                int records = random.nextDouble() < agency.duplicate() ? 2 : 1;
                for (int r = 0; r < records; r++) {
                    int number = localIds.merge(agency.prefix(), 1, Integer::sum);
                    String localId = String.format(Locale.ROOT, "%s-%06d", agency.prefix(), number);
                    reports.add(new Report(child.id(), agency.id(), localId, noisy(child, agency)));
                }
            }
        }
        Collections.shuffle(reports, random);
        return reports;
    }

    private Demographics noisy(Child child, Agency agency) {
        while (true) {
            Demographics report = draw(child, agency);
            if (!indistinguishable(report, child)) {
                return report;
            }
            redrawn++;
        }
    }

    private Demographics draw(Child child, Agency agency) {
        String given = child.given();
        String family = child.family();
        List<String> nicknames = NICKNAMES.get(given);
        if (nicknames != null && random.nextDouble() < 0.15) {
            given = nicknames.get(random.nextInt(nicknames.size()));
        }
        if (random.nextDouble() < 0.05) {
            given = typo(given);
        }
        if (random.nextDouble() < 0.05) {
            family = typo(family);
        }
        if (random.nextDouble() < 0.02) {
            String swap = given;
            given = family;
            family = swap;
        }
        if (random.nextDouble() < agency.capitals()) {
            given = given.toUpperCase(Locale.ROOT);
            family = family.toUpperCase(Locale.ROOT);
        } else if (random.nextDouble() < 0.03) {
            given = given.toLowerCase(Locale.ROOT);
            family = family.toLowerCase(Locale.ROOT);
        }
        if (random.nextDouble() < 0.01) {
            given = null;
        }
        LocalDate born = child.born();
        if (random.nextDouble() < 0.01 && born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue()) {
            LocalDate swapped = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
            born = swapped.isAfter(today) ? born : swapped;
        }
        Sex sex = random.nextDouble() < 0.1 ? Sex.UNKNOWN : child.sex();
        String postcode =
                child.oldPostcode() != null && random.nextDouble() < 0.3 ? child.oldPostcode() : child.postcode();
        double style = random.nextDouble();
        if (style < 0.04) {
            postcode = null;
        } else if (style < 0.2) {
            postcode = postcode.toLowerCase(Locale.ROOT);
        } else if (style < 0.35) {
            postcode = postcode.replace(" ", "");
        } else if (style < 0.4) {
            postcode = " " + postcode.replace(" ", "  ") + " ";
        }
        NhsNumber nhs = random.nextDouble() < agency.nhs() ? child.nhs() : null;
        return new Demographics(given, family, born, sex, postcode, nhs);
    }

    /** One slip of the keyboard: a neighbouring key, a letter lost, doubled or two letters swapped. */
    String typo(String name) {
        if (name.length() < 3) {
            return name;
        }
        char[] letters = name.toCharArray();
        int at = random.nextInt(letters.length);
        if (!Character.isLetter(letters[at])) {
            return name;
        }
        return switch (random.nextInt(4)) {
            case 0 -> {
                letters[at] = neighbour(letters[at]);
                yield new String(letters);
            }
            case 1 -> name.substring(0, at) + name.substring(at + 1);
            case 2 -> name.substring(0, at) + letters[at] + name.substring(at);
            default -> {
                if (at == letters.length - 1 || !Character.isLetter(letters[at + 1])) {
                    yield name;
                }
                char swap = letters[at];
                letters[at] = letters[at + 1];
                letters[at + 1] = swap;
                yield new String(letters);
            }
        };
    }

    private char neighbour(char c) {
        char lower = Character.toLowerCase(c);
        for (String row : KEYBOARD) {
            int i = row.indexOf(lower);
            if (i >= 0) {
                int j = i == 0 ? 1 : i == row.length() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
                char replacement = row.charAt(j);
                return Character.isUpperCase(c) ? Character.toUpperCase(replacement) : replacement;
            }
        }
        return c;
    }

    /**
     * Whether the report's names, date of birth and postcode are exactly another child's. Sex is not
     * compared: the other child's own reports may leave it unknown.
     */
    private boolean indistinguishable(Demographics report, Child child) {
        if (report.givenName() == null || report.postcode() == null) {
            return false;
        }
        Set<Integer> same =
                keys.get(key(report.givenName(), report.familyName(), report.dateOfBirth(), report.postcode()));
        return same != null && same.stream().anyMatch(other -> other != child.id());
    }
}
