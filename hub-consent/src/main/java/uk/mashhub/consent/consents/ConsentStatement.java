package uk.mashhub.consent.consents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agreement.ConsentForm;

/** What a practitioner records: a consent entry before the hub gives it an id and a time. */
public record ConsentStatement(
        ConsentStatus status,
        ConsentGiver givenBy,
        @Nullable String giverName,
        @Nullable String giverRelationship,
        ConsentScope scope,
        @Nullable ConsentForm evidence,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil) {}
