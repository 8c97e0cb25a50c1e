package uk.mashhub.api.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import uk.mashhub.api.web.FormError;
import uk.mashhub.audit.reader.DisclosureFilter;

/**
 * The disclosure log's search form as it arrives in the query string (every field optional, every
 * value a string so that nothing fails to bind): checked field by field into GOV.UK error lines,
 * then turned into the same {@link DisclosureFilter} the API builds. Dates are day, month and year
 * with an optional 24-hour time, in UK time.
 *
 * @param search present once the form has been submitted (landing on the page searches nothing)
 */
record DisclosureSearch(
        @Nullable String search,
        @Nullable String personId,
        @Nullable String providingAgency,
        @Nullable String receivingAgency,
        @Nullable String purpose,
        @Nullable String actor,
        @Nullable String agreementId,
        @Nullable String decision,
        @Nullable String overridesOnly,
        @Nullable String breakGlassOnly,
        @Nullable String type,
        @Nullable String fromDay,
        @Nullable String fromMonth,
        @Nullable String fromYear,
        @Nullable String fromTime,
        @Nullable String toDay,
        @Nullable String toMonth,
        @Nullable String toYear,
        @Nullable String toTime) {

    /** The event types an auditor can choose, with what each means: disclosures first, then auditors' own questions. */
    static final Map<String, String> TYPES = types();

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3])[:.]([0-5][0-9])");

    static DisclosureSearch none() {
        return new DisclosureSearch(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    static DisclosureSearch aboutPerson(String personId) {
        return new DisclosureSearch(
                "true", personId, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    boolean submitted() {
        return search != null;
    }

    /** What is wrong with the form, in the order of its fields; empty when it can be searched. */
    List<FormError> problems(Set<String> agencies) {
        List<FormError> errors = new ArrayList<>();
        if (present(personId) && !isUuid(personId)) {
            errors.add(new FormError(
                    "personId", "Enter the person id in the right format, like 3f2b8c1e-5d4a-4e7b-9c3d-2a1b0c9d8e7f"));
        }
        if (present(agreementId) && !isUuid(agreementId)) {
            errors.add(new FormError(
                    "agreementId",
                    "Enter the agreement id in the right format, like 3f2b8c1e-5d4a-4e7b-9c3d-2a1b0c9d8e7f"));
        }
        if (present(actor) && actor.strip().length() > 200) {
            errors.add(new FormError("actor", "The user name or system must be 200 characters or fewer"));
        }
        if (present(purpose) && !CODE.matcher(purposeCode()).matches()) {
            errors.add(new FormError(
                    "purpose",
                    "Enter the purpose as a code of letters, digits and underscores, like SAFEGUARDING_CHILDREN"));
        }
        if (present(providingAgency) && !agencies.contains(providingAgency)) {
            errors.add(new FormError("providingAgency", "Choose the providing agency from the list"));
        }
        if (present(receivingAgency) && !agencies.contains(receivingAgency)) {
            errors.add(new FormError("receivingAgency", "Choose the receiving agency from the list"));
        }
        if (present(type) && !TYPES.containsKey(type)) {
            errors.add(new FormError("type", "Choose the kind of event from the list"));
        }
        if (present(decision) && !decision.equals("PERMIT") && !decision.equals("DENY")) {
            errors.add(new FormError("decision", "Choose released, refused or either"));
        }
        Moment from = moment("from", "From", fromDay, fromMonth, fromYear, fromTime, errors);
        Moment to = moment("to", "To", toDay, toMonth, toYear, toTime, errors);
        if (from.at() != null && to.at() != null && !from.at().isBefore(to.at())) {
            errors.add(new FormError("fromDay", "The ‘from’ date and time must be before the ‘to’ date and time"));
        }
        return errors;
    }

    /** The filter the form describes; call only when {@link #problems} found none. */
    DisclosureFilter filter() {
        return new DisclosureFilter(
                present(personId) ? UUID.fromString(personId.strip()).toString() : null,
                blankToNull(providingAgency),
                blankToNull(receivingAgency),
                present(purpose) ? purposeCode() : null,
                present(actor) ? actor.strip() : null,
                present(agreementId) ? UUID.fromString(agreementId.strip()).toString() : null,
                blankToNull(decision),
                "true".equals(overridesOnly),
                "true".equals(breakGlassOnly),
                blankToNull(type),
                moment("from", "From", fromDay, fromMonth, fromYear, fromTime, new ArrayList<>())
                        .at(),
                moment("to", "To", toDay, toMonth, toYear, toTime, new ArrayList<>())
                        .at());
    }

    /** The address of this search (or of an export of it) with its filled-in fields, and any extra parameters. */
    String href(String path, Map<String, ?> extra) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        fields().forEach(uri::queryParam);
        extra.forEach(uri::queryParam);
        return uri.encode().build().toUriString();
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("search", "true");
        put(fields, "personId", personId);
        put(fields, "providingAgency", providingAgency);
        put(fields, "receivingAgency", receivingAgency);
        put(fields, "purpose", purpose);
        put(fields, "actor", actor);
        put(fields, "agreementId", agreementId);
        put(fields, "decision", decision);
        put(fields, "overridesOnly", overridesOnly);
        put(fields, "breakGlassOnly", breakGlassOnly);
        put(fields, "type", type);
        put(fields, "fromDay", fromDay);
        put(fields, "fromMonth", fromMonth);
        put(fields, "fromYear", fromYear);
        put(fields, "fromTime", fromTime);
        put(fields, "toDay", toDay);
        put(fields, "toMonth", toMonth);
        put(fields, "toYear", toYear);
        put(fields, "toTime", toTime);
        return fields;
    }

    private static void put(Map<String, String> fields, String name, @Nullable String value) {
        if (present(value)) {
            fields.put(name, value.strip());
        }
    }

    private String purposeCode() {
        return String.valueOf(purpose).strip().toUpperCase(Locale.ROOT);
    }

    /** A point in time from a GOV.UK date input and a time; {@code at} is null when nothing was entered or it is wrong. */
    private record Moment(@Nullable Instant at) {}

    /**
     * A "from" moment is the start of its day (or its time); a "to" moment is the end of its day
     * (the next midnight) unless a time is given, so that "to 21 11 2026" includes that day.
     */
    private static Moment moment(
            String name,
            String label,
            @Nullable String day,
            @Nullable String month,
            @Nullable String year,
            @Nullable String time,
            List<FormError> errors) {
        boolean anyDate = present(day) || present(month) || present(year);
        if (!anyDate) {
            if (present(time)) {
                errors.add(new FormError(name + "Day", "Enter a date for the ‘" + name + "’ time"));
            }
            return new Moment(null);
        }
        if (!present(day) || !present(month) || !present(year)) {
            errors.add(
                    new FormError(name + "Day", "‘" + label + "’ must include a day, month and year, like 27 3 2026"));
            return new Moment(null);
        }
        LocalDate date;
        try {
            int y = Integer.parseInt(year.strip());
            if (y < 1900 || y > 9999) {
                throw new DateTimeException("year out of range");
            }
            date = LocalDate.of(y, Integer.parseInt(month.strip()), Integer.parseInt(day.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            errors.add(new FormError(name + "Day", "‘" + label + "’ must be a real date, like 27 3 2026"));
            return new Moment(null);
        }
        if (!present(time)) {
            LocalDate start = "to".equals(name) ? date.plusDays(1) : date;
            return new Moment(
                    start.atStartOfDay(uk.mashhub.kernel.LocalTime.ZONE).toInstant());
        }
        Matcher hoursAndMinutes = TIME.matcher(time.strip());
        if (!hoursAndMinutes.matches()) {
            errors.add(new FormError(
                    name + "Time",
                    "Enter the ‘" + name + "’ time in hours and minutes on the 24-hour clock, like 09:30"));
            return new Moment(null);
        }
        LocalTime at =
                LocalTime.of(Integer.parseInt(hoursAndMinutes.group(1)), Integer.parseInt(hoursAndMinutes.group(2)));
        return new Moment(
                date.atTime(at).atZone(uk.mashhub.kernel.LocalTime.ZONE).toInstant());
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text.strip());
            return text.strip().length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return present(value) ? value.strip() : null;
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("RecordReleased", "Record released");
        types.put("ReleaseDenied", "Release refused");
        types.put("ReleaseRefused", "Release asked outside a case or partnership");
        types.put("OverrideRecorded", "Override used");
        types.put("OverrideApproved", "Override approved on review");
        types.put("OverrideRejected", "Override rejected on review");
        types.put("BreakGlassRecorded", "Break-glass used");
        types.put("BreakGlassApproved", "Break-glass approved on review");
        types.put("BreakGlassRejected", "Break-glass rejected on review");
        types.put("AuditLogSearched", "Auditor searched the log");
        types.put("AuditLogExported", "Auditor exported the log");
        types.put("SubjectReportViewed", "Auditor viewed a subject report");
        types.put("AuditReadModelReconciled", "Auditor reconciled the read model");
        types.put("AuditChainVerified", "Auditor verified the chain");
        return java.util.Collections.unmodifiableMap(types);
    }
}
