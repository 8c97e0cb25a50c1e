package uk.mashhub.ingest.referral;

import org.jspecify.annotations.Nullable;
import uk.mashhub.ingest.person.Demographics;

/**
 * A person as the referring agency knows them: its own local id and their demographics; for a
 * related person, their relationship to the subject.
 */
public record PersonReport(
        String localId, Demographics demographics, @Nullable String relationship) {}
