package uk.mashhub.api.consent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.consent.consents.Consent;
import uk.mashhub.consent.consents.ConsentGiver;
import uk.mashhub.consent.consents.ConsentId;
import uk.mashhub.consent.consents.ConsentScope;
import uk.mashhub.consent.consents.ConsentStatement;
import uk.mashhub.consent.consents.ConsentStatus;
import uk.mashhub.consent.consents.Consents;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;

/**
 * A person's consent history. Consent is the person's position towards the whole partnership, so
 * every partner with the scope reads the same history; entries are appended, never changed.
 */
@RestController
@RequestMapping(path = "/api/persons/{personId}/consents", produces = "application/json")
@Tag(name = "Consents", description = "Consent given, refused or withdrawn, by or for a person")
class ConsentController {

    record Scope(
            @NotEmpty Set<@NotNull @Pattern(regexp = PurposeCode.PATTERN) String> purposes,
            boolean everyParty,
            @Nullable Set<@NotNull @Pattern(regexp = AgencyId.PATTERN) String> recipients,
            @NotEmpty Set<@NotNull DataCategory> categories) {}

    record Form(
            @NotNull @Size(min = 1, max = 100) String formId,
            @NotNull @Size(min = 1, max = 40) String version) {}

    /** A consent entry as a practitioner records it. */
    record Entry(
            @NotNull ConsentStatus status,
            @NotNull ConsentGiver givenBy,
            @Nullable @Size(max = 200) String giverName,
            @Nullable @Size(max = 100) String giverRelationship,
            @Valid @NotNull Scope scope,
            @Valid @Nullable Form form,
            @Nullable Instant validFrom,
            @Nullable Instant validUntil) {}

    /** Who withdraws a given consent. */
    record Withdrawal(
            @NotNull ConsentGiver withdrawnBy,
            @Nullable @Size(max = 200) String giverName,
            @Nullable @Size(max = 100) String giverRelationship) {}

    record ConsentResource(
            String id,
            String personId,
            ConsentStatus status,
            ConsentGiver givenBy,
            @Nullable String giverName,
            @Nullable String giverRelationship,
            List<String> purposes,
            boolean everyParty,
            List<String> recipients,
            List<DataCategory> categories,
            @Nullable Form form,
            Instant validFrom,
            @Nullable Instant validUntil,
            String recordedByAgency,
            String recordedBy,
            Instant recordedAt,
            @Nullable String withdraws) {

        static ConsentResource of(Consent consent) {
            return new ConsentResource(
                    consent.id().toString(),
                    consent.person().toString(),
                    consent.status(),
                    consent.givenBy(),
                    consent.giverName(),
                    consent.giverRelationship(),
                    consent.scope().purposes().stream()
                            .map(PurposeCode::value)
                            .sorted()
                            .toList(),
                    consent.scope().everyParty(),
                    consent.scope().recipients().stream()
                            .map(AgencyId::value)
                            .sorted()
                            .toList(),
                    consent.scope().categories().stream().sorted().toList(),
                    consent.evidence() == null
                            ? null
                            : new Form(
                                    consent.evidence().formId(),
                                    consent.evidence().version()),
                    consent.validFrom(),
                    consent.validUntil(),
                    consent.recordedBy().agency().value(),
                    consent.recordedBy().subject(),
                    consent.recordedAt(),
                    consent.withdraws() == null ? null : consent.withdraws().toString());
        }
    }

    record History(String personId, List<ConsentResource> consents) {}

    private final Consents consents;

    ConsentController(Consents consents) {
        this.consents = consents;
    }

    @GetMapping
    @Operation(summary = "The person's whole consent history, oldest first")
    History history(@PathVariable String personId) {
        PersonId person = PersonId.parse(personId);
        return new History(
                personId,
                consents.history(person).stream().map(ConsentResource::of).toList());
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Record consent given, refused or withdrawn (hub.triage or hub.govern)")
    ResponseEntity<ConsentResource> record(
            @PathVariable String personId, @Valid @RequestBody Entry entry, HubCaller caller) {
        PersonId person = PersonId.parse(personId);
        Consent consent = consents.record(person, statement(entry), caller.actor());
        return created(consent);
    }

    @PostMapping(path = "/{consentId}/withdrawal", consumes = "application/json")
    @Operation(summary = "Withdraw a given consent from now on (hub.triage or hub.govern)")
    ResponseEntity<ConsentResource> withdraw(
            @PathVariable String personId,
            @PathVariable String consentId,
            @Valid @RequestBody Withdrawal withdrawal,
            HubCaller caller) {
        Consent consent = consents.withdraw(
                PersonId.parse(personId),
                ConsentId.parse(consentId),
                withdrawal.withdrawnBy(),
                withdrawal.giverName(),
                withdrawal.giverRelationship(),
                caller.actor());
        return created(consent);
    }

    private static ResponseEntity<ConsentResource> created(Consent consent) {
        return ResponseEntity.created(URI.create("/api/persons/" + consent.person() + "/consents/" + consent.id()))
                .body(ConsentResource.of(consent));
    }

    private static ConsentStatement statement(Entry entry) {
        Scope scope = entry.scope();
        return new ConsentStatement(
                entry.status(),
                entry.givenBy(),
                entry.giverName(),
                entry.giverRelationship(),
                new ConsentScope(
                        scope.purposes().stream().map(PurposeCode::new).collect(Collectors.toSet()),
                        scope.everyParty(),
                        scope.recipients() == null
                                ? Set.of()
                                : scope.recipients().stream().map(AgencyId::new).collect(Collectors.toSet()),
                        scope.categories()),
                entry.form() == null
                        ? null
                        : new ConsentForm(entry.form().formId(), entry.form().version()),
                entry.validFrom(),
                entry.validUntil());
    }
}
