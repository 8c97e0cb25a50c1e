package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LabelsTests {

    private final Labels labels = new Labels();

    @Test
    void writesCodesInWords() {
        assertThat(labels.of("CHILD_CRIMINAL_EXPLOITATION")).isEqualTo("Child criminal exploitation");
        assertThat(labels.of(null)).isEmpty();
    }

    @Test
    void writesTimesInUkTimeTheGovukWay() {
        // 17:40 UTC in November is 5:40pm in London; in July it is 6:40pm (British Summer Time)
        assertThat(labels.time(Instant.parse("2026-11-21T17:40:00Z"))).isEqualTo("21 November 2026 at 5:40pm");
        assertThat(labels.time(Instant.parse("2026-07-01T17:40:00Z"))).isEqualTo("1 July 2026 at 6:40pm");
        assertThat(labels.date(LocalDate.of(2016, 5, 4))).isEqualTo("4 May 2016");
    }

    @Test
    void writesPostcodesWithTheirSpace() {
        assertThat(labels.postcode("NS14AB")).isEqualTo("NS1 4AB");
        assertThat(labels.postcode("SW1A1AA")).isEqualTo("SW1A 1AA");
        assertThat(labels.postcode(null)).isEqualTo("Not given");
    }

    @Test
    void namesTheReferralsChangesForPeople() {
        assertThat(labels.change("ReferralRerated")).isEqualTo("Rating changed");
        assertThat(labels.change("ReferralGathering")).isEqualTo("Gathering started");
    }
}
