package uk.mashhub.audit.reader;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event of the read model as an auditor sees it: who did what, to whom, when, why, under which
 * agreement, consent or override — identifiers, codes and field names, never a released value.
 * Persons appear as pseudonyms ({@code psn:…}).
 *
 * @param withheld the subject-access withholding of this entry for the person asked about, if any
 */
public record DisclosureEntry(
        long sequence,
        UUID eventId,
        String type,
        Instant occurredAt,
        String actorAgency,
        String actor,
        @Nullable String purpose,
        @Nullable String decision,
        @Nullable String provider,
        @Nullable String recipient,
        @Nullable String agreementId,
        @Nullable String overrideId,
        @Nullable String ground,
        String hash,
        Map<String, Object> details,
        @Nullable Withholding withheld) {

    /** Why an entry is left out of a subject access answer, and who decided it. */
    public record Withholding(
            Exemption exemption,
            @Nullable String reference,
            String withheldBy,
            String withheldByAgency,
            Instant withheldAt) {}
}
