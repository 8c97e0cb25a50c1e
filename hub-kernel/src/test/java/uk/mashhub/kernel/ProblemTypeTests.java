package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProblemTypeTests {

    @Test
    void refusesASlugThatIsNotLowerCaseAndHyphenated() {
        assertThatThrownBy(() -> new ProblemType("Consent Required", "Consent is required", 422))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAStatusThatIsNotAnError() {
        assertThatThrownBy(() -> new ProblemType("fine", "All fine", 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
