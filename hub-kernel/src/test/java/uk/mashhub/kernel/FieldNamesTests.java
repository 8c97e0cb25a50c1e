package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
        PublishedPatterns.agree(FieldNames.PATTERN, FieldNames::isWellFormed, "aZq09_.", "- \u00e9\u0000/", 103);
    }
}
