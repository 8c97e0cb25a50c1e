package uk.mashhub.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.mashhub.kernel.LocalTime;

/**
 * How pages write the hub's codes and times for people, in the GOV.UK style:
 * {@code CHILD_CRIMINAL_EXPLOITATION} as "Child criminal exploitation", an instant as
 * "21 November 2026 at 5:40pm" in UK time. Controllers call the static methods; templates call the
 * same through the bean {@code @labels}, which also finds a form field's error message.
 */
@Component("labels")
public class Labels {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mma", Locale.UK).withZone(LocalTime.ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** A code of the hub's vocabulary in words: the first letter capital, the rest lower case. */
    public static String words(@Nullable Object code) {
        if (code == null) {
            return "";
        }
        String words = code.toString().replace('_', ' ').toLowerCase(Locale.UK);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String timeOf(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String dateOf(@Nullable LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String of(@Nullable Object code) {
        return words(code);
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
            default -> words(change);
        };
    }

    /** The error message for one field of a form, or null: {@code @labels.errorFor(errors, 'rag')}. */
    public @Nullable String errorFor(@Nullable List<FormError> errors, String field) {
        return FormError.messageFor(errors, field);
    }

    /** A postcode as people write it: the hub keeps {@code NS14AB}, pages show "NS1 4AB". */
    public String postcode(@Nullable String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return "Not given";
        }
        String compact = postcode.replace(" ", "");
        return compact.length() > 3
                ? compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3)
                : compact;
    }

    public String time(@Nullable Instant instant) {
        return timeOf(instant);
    }

    public String date(@Nullable LocalDate date) {
        return dateOf(date);
    }
}
