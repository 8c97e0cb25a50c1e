package uk.mashhub.api.agency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.consent.agency.AgencyStatus;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.kernel.AgencyId;

/** The partner agencies: any caller reads them; information governance ({@code hub.govern}) registers and changes them. */
@RestController
@RequestMapping(path = "/api/agencies", produces = "application/json")
@Tag(name = "Agencies", description = "The partner organisations of the hub")
class AgencyController {

    /** An agency as the API shows it. */
    record AgencyResource(String id, String name, AgencyType type, AgencyStatus status) {
        static AgencyResource of(Agency agency) {
            return new AgencyResource(agency.id().value(), agency.name(), agency.type(), agency.status());
        }
    }

    /** The list of agencies. */
    record AgencyList(List<AgencyResource> agencies) {}

    /** A new partner agency. */
    record Registration(
            @NotBlank
            @Pattern(regexp = AgencyId.PATTERN, message = "must be a lower-case code such as westshire-police")
            String id,

            @NotBlank @Size(max = 200) String name,
            @NotNull AgencyType type) {}

    /** What may change about an agency. */
    record Change(
            @NotBlank @Size(max = 200) String name,
            @NotNull AgencyType type,
            @NotNull AgencyStatus status) {}

    private final Agencies agencies;

    AgencyController(Agencies agencies) {
        this.agencies = agencies;
    }

    @GetMapping
    @Operation(summary = "List every partner agency, ordered by name")
    AgencyList list() {
        return new AgencyList(agencies.all().stream().map(AgencyResource::of).toList());
    }

    @GetMapping("/{agencyId}")
    @Operation(summary = "Read one partner agency")
    AgencyResource get(@PathVariable String agencyId) {
        return AgencyResource.of(agencies.get(new AgencyId(agencyId)));
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Register a partner agency (hub.govern)")
    ResponseEntity<AgencyResource> register(@Valid @RequestBody Registration registration, HubCaller caller) {
        Agency agency = agencies.register(
                new Agency(
                        new AgencyId(registration.id()), registration.name(), registration.type(), AgencyStatus.ACTIVE),
                caller.actor());
        return ResponseEntity.created(URI.create("/api/agencies/" + agency.id()))
                .body(AgencyResource.of(agency));
    }

    @PutMapping(path = "/{agencyId}", consumes = "application/json")
    @Operation(summary = "Change an agency's name, type or status (hub.govern)")
    AgencyResource change(@PathVariable String agencyId, @Valid @RequestBody Change change, HubCaller caller) {
        return AgencyResource.of(agencies.change(
                new Agency(new AgencyId(agencyId), change.name(), change.type(), change.status()), caller.actor()));
    }
}
