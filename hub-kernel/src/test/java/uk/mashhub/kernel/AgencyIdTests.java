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
    void refusesCodesLongerThan64Characters() {
        assertThat(AgencyId.isValid("a".repeat(64))).isTrue();
        assertThat(AgencyId.isValid("a".repeat(65))).isFalse();
    }
}
