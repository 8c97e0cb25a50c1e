package uk.mashhub.ingest.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadlinesTests {

    private static final TriagePolicy.Calendar WEEK = new TriagePolicy.Calendar(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            List.of(LocalDate.of(2027, 3, 15)));

    private static Deadlines deadlines(TriagePolicy.Counting redCounting) {
        var working = TriagePolicy.Counting.WORKING;
        return new Deadlines(new TriagePolicy(
                new TriagePolicy.Clock(Duration.ofHours(8), working),
                new TriagePolicy.Clock(Duration.ofHours(4), redCounting),
                new TriagePolicy.Clock(Duration.ofHours(24), working),
                new TriagePolicy.Clock(Duration.ofHours(72), working),
                WEEK));
    }

    /** 2027-03-12 is a Friday; the UK is on GMT until 2027-03-28, so local time equals UTC here. */
    private static final Instant FRIDAY_4PM = Instant.parse("2027-03-12T16:00:00Z");

    @Test
    void aRedReceivedLateOnFridayIsDueOnTuesdayWhenMondayIsAHoliday() {
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(FRIDAY_4PM, Rag.RED))
                .isEqualTo(Instant.parse("2027-03-16T12:00:00Z"));
    }

    @Test
    void aRedCountedInElapsedTimeIsWorkedThroughTheWeekend() {
        assertThat(deadlines(TriagePolicy.Counting.ELAPSED).deadline(FRIDAY_4PM, Rag.RED))
                .isEqualTo(Instant.parse("2027-03-12T20:00:00Z"));
    }

    @Test
    void aReferralReceivedAtNightStartsCountingWhenTheMashOpens() {
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(Instant.parse("2027-03-10T22:30:00Z"), Rag.RED))
                .isEqualTo(Instant.parse("2027-03-11T13:00:00Z"));
    }

    @Test
    void anAmberIsThreeWorkingDays() {
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(Instant.parse("2027-03-09T10:00:00Z"), Rag.AMBER))
                .isEqualTo(Instant.parse("2027-03-12T10:00:00Z"));
    }

    @Test
    void anUnratedReferralMustBeScreenedWithinAWorkingDay() {
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(Instant.parse("2027-03-09T10:00:00Z"), null))
                .isEqualTo(Instant.parse("2027-03-10T10:00:00Z"));
    }

    @Test
    void aBlueReferralHasNoDeadline() {
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(FRIDAY_4PM, Rag.BLUE))
                .isNull();
    }

    @Test
    void workingHoursFollowBritishSummerTime() {
        // 2027-03-29 is a Monday in BST (UTC+1): the MASH opens at 08:00 UTC
        assertThat(deadlines(TriagePolicy.Counting.WORKING).deadline(Instant.parse("2027-03-29T06:00:00Z"), Rag.RED))
                .isEqualTo(Instant.parse("2027-03-29T12:00:00Z"));
    }
}
