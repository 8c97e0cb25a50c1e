package uk.mashhub.ingest.referral;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.LocalTime;

/** When a referral must be decided: its rating's clock, started when it was received, run on the MASH calendar. */
final class Deadlines {

    private final TriagePolicy policy;

    Deadlines(TriagePolicy policy) {
        this.policy = policy;
    }

    /** The deadline for a referral received at {@code received} with {@code rag} (null: not rated yet); BLUE has none. */
    @Nullable
    Instant deadline(Instant received, @Nullable Rag rag) {
        TriagePolicy.Clock clock = rag == null
                ? policy.screening()
                : switch (rag) {
                    case RED -> policy.red();
                    case AMBER -> policy.amber();
                    case GREEN -> policy.green();
                    case BLUE -> null;
                };
        if (clock == null) {
            return null;
        }
        return clock.counting() == TriagePolicy.Counting.ELAPSED
                ? received.plus(clock.duration())
                : addWorkingTime(received, clock.duration());
    }

    /** Adds working time: only the calendar's hours on working days that are not holidays count. */
    Instant addWorkingTime(Instant start, Duration amount) {
        TriagePolicy.Calendar calendar = policy.calendar();
        LocalDateTime cursor = LocalDateTime.ofInstant(start, LocalTime.ZONE);
        Duration left = amount;
        for (int guard = 0; guard < 10_000; guard++) {
            LocalDate day = cursor.toLocalDate();
            LocalDateTime opens = day.atTime(calendar.dayStarts());
            LocalDateTime closes = day.atTime(calendar.dayEnds());
            boolean working = calendar.workingDays().contains(day.getDayOfWeek())
                    && !calendar.holidays().contains(day);
            if (!working || !cursor.isBefore(closes)) {
                cursor = day.plusDays(1).atTime(calendar.dayStarts());
                continue;
            }
            if (cursor.isBefore(opens)) {
                cursor = opens;
            }
            Duration today = Duration.between(cursor, closes);
            if (left.compareTo(today) <= 0) {
                return ZonedDateTime.of(cursor.plus(left), LocalTime.ZONE).toInstant();
            }
            left = left.minus(today);
            cursor = day.plusDays(1).atTime(calendar.dayStarts());
        }
        throw new IllegalStateException("the MASH calendar has no working time in the next 10,000 days");
    }
}
