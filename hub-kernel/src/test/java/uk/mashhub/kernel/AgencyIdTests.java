package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgencyIdTests {

    @ParameterizedTest
    @ValueSource(strings = {"northshire-police", "nhs1", "a", "7", "x-9", "a--b"})
    void acceptsShortLowerCaseCodes(String code) {
        assertThat(new AgencyId(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--", "Northshire", "-police", "police-", "police force", "police_1", "ä", "police\n"})
    void refusesAnythingElseWithoutEchoingIt(String code) {
        assertThatThrownBy(() -> new AgencyId(code))
                .isInstanceOf(InvalidValue.class)
                .satisfies(problem ->
                        assertThat(((HubProblem) problem).type().status()).isEqualTo(400))
                .message()
                .doesNotContain(code.isEmpty() ? "\u0000" : code);
    }

    @org.junit.jupiter.api.Test
    void acceptsExactlyWhatTheFormatsRegularExpressionAccepts() {
        java.util.regex.Pattern format = java.util.regex.Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
        String alphabet = "az09-Z_ .\u00e9";
        java.util.Random random = new java.util.Random(64);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder candidate = new StringBuilder();
            int length = i % 10 == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            for (int j = 0; j < length; j++) {
                candidate.append(alphabet.charAt(random.nextInt(i % 3 == 0 ? alphabet.length() : 5)));
            }
            assertThat(AgencyId.isValid(candidate.toString()))
                    .as(candidate.toString())
                    .isEqualTo(format.matcher(candidate).matches());
        }
    }

    @org.junit.jupiter.api.Test
    void refusesCodesLongerThan64Characters() {
        assertThat(AgencyId.isValid("a".repeat(64))).isTrue();
        assertThat(AgencyId.isValid("a".repeat(65))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void thePublishedPatternAgreesWithTheCheck() {
        PublishedPatterns.agree(AgencyId.PATTERN, AgencyId::isValid, "az09-", "A_ .\u00e9", 67);
    }
}
