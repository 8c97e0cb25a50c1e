package uk.mashhub.api.audit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.audit.reader.DisclosureEntry;
import uk.mashhub.kernel.LocalTime;

/**
 * One entry of the disclosure log as a row of a page: UK time, the event in words, agencies by
 * name, and the identifiers and codes the entry carries — never a released value (the log holds
 * none).
 *
 * @param persons the pseudonyms of the persons the event names
 * @param withheld the exemption on which the entry is withheld from a subject access answer, if any
 */
record LogRow(
        long sequence,
        String date,
        String time,
        String type,
        String event,
        @Nullable String decision,
        String actor,
        String actorAgency,
        @Nullable String provider,
        @Nullable String recipient,
        @Nullable String purpose,
        @Nullable String agreementId,
        @Nullable String agreementVersion,
        @Nullable String ground,
        List<String> persons,
        List<String> reasonCodes,
        @Nullable String withheld,
        @Nullable String withheldReference) {

    private static final Set<String> AUDITORS_QUESTIONS = Set.of(
            "AuditLogSearched",
            "AuditLogExported",
            "SubjectReportViewed",
            "AuditReadModelReconciled",
            "AuditChainVerified",
            "SubjectAccessEntryWithheld",
            "SubjectAccessEntryReleased");

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(LocalTime.ZONE);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK).withZone(LocalTime.ZONE);

    static LogRow of(DisclosureEntry entry, Map<String, String> agencyNames) {
        Map<String, Object> details = entry.details();
        Set<String> persons = new LinkedHashSet<>();
        collectPseudonyms(details.values(), persons);
        List<String> reasons = new ArrayList<>();
        if (details.get("reasonCodes") instanceof Collection<?> codes) {
            codes.forEach(code -> reasons.add(String.valueOf(code)));
        }
        Object version = details.get("agreementVersion");
        DisclosureEntry.Withholding withholding = entry.withheld();
        // an auditor's question carries its search criteria (a decision, a purpose): not a disclosure's
        boolean question = AUDITORS_QUESTIONS.contains(entry.type());
        return new LogRow(
                entry.sequence(),
                DATE.format(entry.occurredAt()),
                TIME.format(entry.occurredAt()),
                entry.type(),
                DisclosureSearch.TYPES.getOrDefault(entry.type(), inWords(entry.type())),
                question ? null : entry.decision(),
                entry.actor(),
                name(entry.actorAgency(), agencyNames),
                question || entry.provider() == null ? null : name(entry.provider(), agencyNames),
                question || entry.recipient() == null ? null : name(entry.recipient(), agencyNames),
                question ? null : entry.purpose(),
                entry.agreementId(),
                version == null ? null : version.toString(),
                entry.ground(),
                List.copyOf(persons),
                List.copyOf(reasons),
                withholding == null ? null : withholding.exemption().name(),
                withholding == null ? null : withholding.reference());
    }

    /** "RecordContributed" as "Record contributed", for the types the search form does not name. */
    static String inWords(String type) {
        String words = type.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.UK);
        return words.isEmpty() ? type : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static List<LogRow> of(List<DisclosureEntry> entries, Map<String, String> agencyNames) {
        return entries.stream().map(entry -> of(entry, agencyNames)).toList();
    }

    private static String name(String agency, Map<String, String> agencyNames) {
        return agencyNames.getOrDefault(agency, agency);
    }

    // the read model names persons by pseudonym wherever the event mentions one
    private static void collectPseudonyms(Collection<?> values, Set<String> found) {
        for (Object value : values) {
            if (value instanceof String text && text.startsWith("psn:")) {
                found.add(text);
            } else if (value instanceof Collection<?> list) {
                collectPseudonyms(list, found);
            } else if (value instanceof Map<?, ?> map) {
                collectPseudonyms(map.values(), found);
            }
        }
    }
}
