package uk.mashhub.ingest.record;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;

/**
 * Information one agency holds about a person, as contributed to the hub.
 *
 * @param fields named values: strings, numbers or booleans (dates as ISO strings)
 * @param specialCategoryFields the fields that are special-category or criminal-offence data
 * @param sourceReference the provider's own reference, to trace the record back
 * @param recordedAt when the provider recorded it
 */
public record AgencyRecord(
        UUID id,
        AgencyId provider,
        IdentityId subject,
        DataCategory category,
        Map<String, Object> fields,
        Set<String> specialCategoryFields,
        String sourceReference,
        Instant recordedAt,
        Instant receivedAt) {}
