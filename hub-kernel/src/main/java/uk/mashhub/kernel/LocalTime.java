package uk.mashhub.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The partnership's civil time: agreement dates and working hours are UK dates and hours. */
public final class LocalTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private LocalTime() {}

    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZONE);
    }
}
