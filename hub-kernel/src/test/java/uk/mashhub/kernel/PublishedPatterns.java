package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Checks that a rule the API publishes as a pattern gives the same answers as the hub's own check. */
final class PublishedPatterns {

    private PublishedPatterns() {}

    /**
     * Tries 20,000 generated values — mostly {@code allowed} characters, of every length up to
     * {@code longest}, a quarter of them with one {@code odd} character — on both, and requires
     * each answer to have been given often enough to mean something.
     */
    static void agree(String published, Predicate<String> check, String allowed, String odd, int longest) {
        Pattern pattern = Pattern.compile(published);
        Random random = new Random(20261122);
        int matching = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(longest + 1);
            for (int j = 0; j < length; j++) {
                value.append(allowed.charAt(random.nextInt(allowed.length())));
            }
            if (length > 0 && random.nextInt(4) == 0) {
                value.setCharAt(random.nextInt(length), odd.charAt(random.nextInt(odd.length())));
            }
            boolean expected = pattern.matcher(value).matches();
            matching += expected ? 1 : 0;
            assertThat(check.test(value.toString())).as("%s", value).isEqualTo(expected);
        }
        assertThat(matching).as("both answers were tried often").isBetween(2_000, 18_000);
    }
}
