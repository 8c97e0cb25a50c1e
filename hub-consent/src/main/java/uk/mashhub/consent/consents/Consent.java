package uk.mashhub.consent.consents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PersonId;

/**
 * One consent entry about one person, never changed once recorded.
 *
 * @param evidence the form and version; required when consent is GIVEN
 * @param giverName who gave it, when that is someone with parental responsibility
 * @param giverRelationship their relationship to the child ("mother", "special guardian")
 * @param validUntil when a GIVEN consent lapses; open-ended when absent
 * @param withdraws the GIVEN entry a withdrawal answers, when it answers one
 */
public record Consent(
        ConsentId id,
        PersonId person,
        ConsentStatus status,
        ConsentGiver givenBy,
        @Nullable String giverName,
        @Nullable String giverRelationship,
        ConsentScope scope,
        @Nullable ConsentForm evidence,
        Instant validFrom,
        @Nullable Instant validUntil,
        Actor recordedBy,
        Instant recordedAt,
        @Nullable ConsentId withdraws) {

    public Consent {
        if (givenBy == ConsentGiver.PARENTAL_RESPONSIBILITY && (blank(giverName) || blank(giverRelationship))) {
            throw new InvalidValue(
                    "consent", "given by someone with parental responsibility must name them and their relationship");
        }
        if (status == ConsentStatus.GIVEN && evidence == null) {
            throw new InvalidValue("consent", "that is given must name the form and version it was given on");
        }
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new InvalidValue("consent's validity", "must end after it starts");
        }
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
