package uk.mashhub.ingest.referral;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local policy of the MASH: how long each rating gives to decide, and when the MASH works.
 * Examples in use are red 4 working hours, amber 24, green 72; an unrated referral must be screened
 * within one working day. None of it is code.
 *
 * @param screening time to rate a referral that has just arrived
 * @param red time to decide a RED referral
 * @param amber time to decide an AMBER referral
 * @param green time to decide a GREEN referral
 * @param calendar the MASH's working days and hours
 */
@ConfigurationProperties("hub.ingest.triage")
public record TriagePolicy(
        @DefaultValue Clock screening,
        @DefaultValue Clock red,
        @DefaultValue Clock amber,
        @DefaultValue Clock green,
        @DefaultValue Calendar calendar) {

    /**
     * One clock: a duration, counted in working time (the calendar's hours only) or elapsed time
     * (every hour counts: "a red is worked to completion").
     */
    public record Clock(
            @DefaultValue("0h") Duration duration,
            @DefaultValue("WORKING") Counting counting) {}

    public enum Counting {
        WORKING,
        ELAPSED
    }

    /**
     * @param workingDays the days the MASH works
     * @param dayStarts when a working day starts (UK time)
     * @param dayEnds when it ends
     * @param holidays days off (bank holidays)
     */
    public record Calendar(
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
            Set<DayOfWeek> workingDays,

            @DefaultValue("09:00") LocalTime dayStarts,
            @DefaultValue("17:00") LocalTime dayEnds,
            @DefaultValue List<LocalDate> holidays) {

        public Calendar {
            if (workingDays.isEmpty() || !dayStarts.isBefore(dayEnds)) {
                throw new IllegalArgumentException(
                        "the MASH calendar needs working days and a day that ends after it starts");
            }
            holidays = List.copyOf(holidays);
            workingDays = Set.copyOf(workingDays);
        }
    }

    public TriagePolicy {
        screening = orDefault(screening, Duration.ofHours(8));
        red = orDefault(red, Duration.ofHours(4));
        amber = orDefault(amber, Duration.ofHours(24));
        green = orDefault(green, Duration.ofHours(72));
    }

    private static Clock orDefault(Clock clock, Duration fallback) {
        return clock.duration().isZero() ? new Clock(fallback, clock.counting()) : clock;
    }

    /** The policy the hub ships with: the Surrey-style clocks above and a Monday–Friday 09:00–17:00 week. */
    public static TriagePolicy defaults() {
        var working = Counting.WORKING;
        return new TriagePolicy(
                new Clock(Duration.ZERO, working),
                new Clock(Duration.ZERO, working),
                new Clock(Duration.ZERO, working),
                new Clock(Duration.ZERO, working),
                new Calendar(
                        Set.of(
                                DayOfWeek.MONDAY,
                                DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY,
                                DayOfWeek.FRIDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(17, 0),
                        List.of()));
    }
}
