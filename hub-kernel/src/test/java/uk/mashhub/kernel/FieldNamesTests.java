package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FieldNamesTests {

    @Test
    void acceptsNamesThatStartWithALetterAndHoldLettersDigitsUnderscoresAndDots() {
        assertThat(FieldNames.isWellFormed("dateOfBirth")).isTrue();
        assertThat(FieldNames.isWellFormed("address.postcode")).isTrue();
        assertThat(FieldNames.isWellFormed("incident_type2")).isTrue();
        assertThat(FieldNames.isWellFormed("x")).isTrue();
        assertThat(FieldNames.isWellFormed("x".repeat(100))).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(FieldNames.isWellFormed("")).isFalse();
        assertThat(FieldNames.isWellFormed("x".repeat(101))).as("too long").isFalse();
        assertThat(FieldNames.isWellFormed("2ndAddress")).as("digit first").isFalse();
        assertThat(FieldNames.isWellFormed("_hidden")).isFalse();
        assertThat(FieldNames.isWellFormed(".postcode")).isFalse();
        assertThat(FieldNames.isWellFormed("Jane Doe")).as("space").isFalse();
        assertThat(FieldNames.isWellFormed("caf\u00e9")).as("not ASCII").isFalse();
        assertThat(FieldNames.isWellFormed("a\u0000b")).isFalse();
        assertThat(FieldNames.isWellFormed("a-b")).isFalse();
    }

    @Test
    void agreesWithThePatternTheApiPublishes() {
        Pattern published = Pattern.compile(FieldNames.PATTERN);
        Random random = new Random(20261122);
        String allowed = "aZq09_.";
        String odd = "- \u00e9\u0000/";
        int wellFormed = 0;
        for (int i = 0; i < 20_000; i++) {
            // mostly allowed characters of every length around the limit, sometimes one odd one
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(104);
            for (int j = 0; j < length; j++) {
                name.append(allowed.charAt(random.nextInt(allowed.length())));
            }
            if (length > 0 && random.nextInt(4) == 0) {
                name.setCharAt(random.nextInt(length), odd.charAt(random.nextInt(odd.length())));
            }
            boolean expected = published.matcher(name).matches();
            wellFormed += expected ? 1 : 0;
            assertThat(FieldNames.isWellFormed(name.toString())).as("%s", name).isEqualTo(expected);
        }
        assertThat(wellFormed).as("both answers were tried often").isBetween(2_000, 18_000);
    }
}
