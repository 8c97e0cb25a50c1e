package uk.mashhub.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How pages write the hub's codes and times for people: {@code CHILD_CRIMINAL_EXPLOITATION} as
 * "Child criminal exploitation", an instant as "21 Nov 2026, 17:40" in UK time. Templates call it
 * as {@code @labels}.
 */
@Component("labels")
public class Labels {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    /** A code of the hub's vocabulary in words: the first letter capital, the rest lower case. */
    public String of(@Nullable Object code) {
        if (code == null) {
            return "";
        }
        String words = code.toString().replace('_', ' ').toLowerCase(Locale.UK);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A referral's timeline entry in words ({@code ReferralRerated} → "Rating changed"). */
    public String change(String change) {
        return switch (change) {
            case "ReferralReceived" -> "Received";
            case "ReferralTriaged" -> "Rated";
            case "ReferralRerated" -> "Rating changed";
            case "ReferralGathering" -> "Gathering started";
            case "ReferralDecided" -> "Outcome recorded";
            case "ReferralClosed" -> "Closed";
            default -> of(change);
        };
    }

    /** The error message for one field of a form, or null: {@code @labels.errorFor(errors, 'rag')}. */
    public @Nullable String errorFor(@Nullable List<FormError> errors, String field) {
        return FormError.messageFor(errors, field);
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(UK));
    }

    public String date(@Nullable LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
