package uk.mashhub.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeLoggingTests {

    @Test
    void describesAFailureByItsClassesAndLocationsButNotItsMessages() {
        var failure = new IllegalStateException("outer Jane Doe", new IllegalArgumentException("NHS 9434765919"));

        String description = SafeLogging.describe(failure);

        assertThat(description)
                .contains("java.lang.IllegalStateException", "caused by java.lang.IllegalArgumentException")
                .contains("SafeLoggingTests")
                .doesNotContain("Jane", "9434765919");
    }
}
