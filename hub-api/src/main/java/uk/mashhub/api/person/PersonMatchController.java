package uk.mashhub.api.person;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.MatchReview;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.person.Resolution;
import uk.mashhub.kernel.InvalidValue;

/**
 * The MASH's person-matching work ({@code hub.triage}): possible matches the hub would not link on
 * its own, confirmed or rejected by a practitioner, and links undone.
 */
@RestController
@Tag(name = "Persons", description = "Possible matches between agencies' identities, and links")
class PersonMatchController {

    record MatchResource(
            String id,
            String identityId,
            String reportingAgency,
            String identityPersonId,
            String candidatePersonId,
            Demographics reported,
            Demographics candidate,
            Instant createdAt) {

        static MatchResource of(MatchReview review) {
            return new MatchResource(
                    review.id().toString(),
                    review.identity().toString(),
                    review.agency().value(),
                    review.identityPerson().toString(),
                    review.candidate().toString(),
                    review.incoming(),
                    review.candidateDemographics(),
                    review.createdAt());
        }
    }

    record MatchQueue(List<MatchResource> matches) {}

    record LinkResource(String identityId, String personId, Resolution.LinkKind link) {
        static LinkResource of(Resolution resolution) {
            return new LinkResource(
                    resolution.identity().toString(), resolution.person().toString(), resolution.link());
        }
    }

    private final Persons persons;

    PersonMatchController(Persons persons) {
        this.persons = persons;
    }

    @GetMapping(path = "/api/person-matches", produces = "application/json")
    @Operation(summary = "Possible matches waiting for a practitioner, oldest first (hub.triage)")
    MatchQueue queue() {
        return new MatchQueue(
                persons.reviewQueue(200).stream().map(MatchResource::of).toList());
    }

    @PostMapping(path = "/api/person-matches/{matchId}/confirmation", produces = "application/json")
    @Operation(summary = "They are the same person: link the identity to the candidate (hub.triage)")
    LinkResource confirm(@PathVariable String matchId, HubCaller caller) {
        return LinkResource.of(persons.confirm(uuid(matchId, "match id"), caller.actor()));
    }

    @PostMapping(path = "/api/person-matches/{matchId}/rejection")
    @Operation(summary = "They are different persons: never suggest the pair again (hub.triage)")
    org.springframework.http.ResponseEntity<Void> reject(@PathVariable String matchId, HubCaller caller) {
        persons.reject(uuid(matchId, "match id"), caller.actor());
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/person-identities/{identityId}/unlink", produces = "application/json")
    @Operation(summary = "Undo a link: the identity stands alone as a new person (hub.triage)")
    LinkResource unlink(@PathVariable String identityId, HubCaller caller) {
        return LinkResource.of(persons.unlink(IdentityId.parse(identityId), caller.actor()));
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(what, "must be a UUID");
        }
    }
}
