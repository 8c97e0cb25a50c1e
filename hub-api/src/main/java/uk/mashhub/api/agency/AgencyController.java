package uk.mashhub.api.agency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.kernel.AgencyId;

/** The partner agencies: any authenticated caller may list and read them. */
@RestController
@RequestMapping(path = "/api/agencies", produces = "application/json")
@Tag(name = "Agencies", description = "The partner organisations of the hub")
class AgencyController {

    /** An agency as the API shows it. */
    record AgencyResource(String id, String name, String type, String status) {
        static AgencyResource of(Agency agency) {
            return new AgencyResource(
                    agency.id().value(),
                    agency.name(),
                    agency.type().name(),
                    agency.status().name());
        }
    }

    /** The list of agencies. */
    record AgencyList(List<AgencyResource> agencies) {}

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
}
