package uk.mashhub.api.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.agreement.AgreementResources.AgreementList;
import uk.mashhub.api.agreement.AgreementResources.VersionList;
import uk.mashhub.api.agreement.AgreementResources.VersionResource;
import uk.mashhub.api.agreement.AgreementResources.VersionSummary;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agreement.AgreementId;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.SharingAgreements;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.NotFound;

/**
 * Information sharing agreements. Only parties see an agreement; agencies that are not party to it
 * get 404, the same as for one that does not exist. Writing needs {@code hub.govern}.
 */
@RestController
@RequestMapping(path = "/api/agreements", produces = "application/json")
@Tag(name = "Agreements", description = "Information sharing agreements: versions, signatures, lifecycle")
class AgreementController {

    /** A party's signature: {@code agency}, when given, must be the signer's own; {@code termsDigest}, when given, the text read. */
    record SignatureRequest(
            @NotBlank @Size(max = 200) String signatoryName,
            @NotBlank @Size(max = 200) String signatoryRole,

            @Nullable @Pattern(regexp = AgencyId.PATTERN) String agency,

            @Nullable @Pattern(regexp = "^[0-9a-f]{64}$") String termsDigest) {}

    /** Why a party suspends or terminates. */
    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    private final SharingAgreements agreements;
    private final Clock clock;

    AgreementController(SharingAgreements agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "The newest version of every agreement your agency is party to")
    AgreementList list(HubCaller caller) {
        return new AgreementList(agreements.agreementsOf(caller.agency()).stream()
                .map(version -> VersionSummary.of(version, clock.instant()))
                .toList());
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Draft a new agreement your agency is party to (hub.govern)")
    ResponseEntity<VersionResource> draft(@Valid @RequestBody AgreementDocument document, HubCaller caller) {
        return created(agreements.draft(document.toDraft(), caller.actor()));
    }

    @GetMapping("/{agreementId}")
    @Operation(summary = "Every version of an agreement, oldest first")
    VersionList versions(@PathVariable String agreementId, HubCaller caller) {
        List<AgreementVersion> versions = agreements.versions(AgreementId.parse(agreementId), caller.agency());
        if (versions.isEmpty()) {
            throw new NotFound("agreement");
        }
        return new VersionList(
                agreementId,
                versions.stream()
                        .map(v -> VersionSummary.of(v, clock.instant()))
                        .toList());
    }

    @PostMapping("/{agreementId}/versions")
    @Operation(summary = "Amend: start the next version, in draft, from the newest (hub.govern)")
    ResponseEntity<VersionResource> amend(@PathVariable String agreementId, HubCaller caller) {
        return created(agreements.amend(AgreementId.parse(agreementId), caller.actor()));
    }

    @GetMapping("/{agreementId}/versions/{version}")
    @Operation(summary = "One version in full")
    VersionResource version(@PathVariable String agreementId, @PathVariable int version, HubCaller caller) {
        return agreements
                .version(ref(agreementId, version), caller.agency())
                .map(this::resource)
                .orElseThrow(() -> new NotFound("agreement version"));
    }

    @PutMapping(path = "/{agreementId}/versions/{version}", consumes = "application/json")
    @Operation(summary = "Edit a draft; signatures already given stand for the old text only (hub.govern)")
    VersionResource edit(
            @PathVariable String agreementId,
            @PathVariable int version,
            @Valid @RequestBody AgreementDocument document,
            HubCaller caller) {
        return resource(agreements.edit(ref(agreementId, version), document.toDraft(), caller.actor()));
    }

    @PostMapping(path = "/{agreementId}/versions/{version}/signatures", consumes = "application/json")
    @Operation(summary = "Sign a draft for your own agency (hub.govern)")
    ResponseEntity<VersionResource> sign(
            @PathVariable String agreementId,
            @PathVariable int version,
            @Valid @RequestBody SignatureRequest signature,
            HubCaller caller) {
        AgreementVersion signed = agreements.sign(
                ref(agreementId, version),
                new SharingAgreements.Signing(
                        signature.signatoryName(),
                        signature.signatoryRole(),
                        signature.agency() == null ? null : new AgencyId(signature.agency()),
                        signature.termsDigest()),
                caller.actor());
        return ResponseEntity.status(201).body(resource(signed));
    }

    @PostMapping("/{agreementId}/versions/{version}/activation")
    @Operation(summary = "Put a draft every party has signed in force (hub.govern)")
    VersionResource activate(@PathVariable String agreementId, @PathVariable int version, HubCaller caller) {
        return resource(agreements.activate(ref(agreementId, version), caller.actor()));
    }

    @PostMapping(path = "/{agreementId}/versions/{version}/suspension", consumes = "application/json")
    @Operation(summary = "Suspend an active agreement (hub.govern)")
    VersionResource suspend(
            @PathVariable String agreementId,
            @PathVariable int version,
            @Valid @RequestBody Reason reason,
            HubCaller caller) {
        return resource(agreements.suspend(ref(agreementId, version), reason.reason(), caller.actor()));
    }

    @PostMapping("/{agreementId}/versions/{version}/resumption")
    @Operation(summary = "Resume a suspended agreement (hub.govern)")
    VersionResource resume(@PathVariable String agreementId, @PathVariable int version, HubCaller caller) {
        return resource(agreements.resume(ref(agreementId, version), caller.actor()));
    }

    @PostMapping(path = "/{agreementId}/versions/{version}/termination", consumes = "application/json")
    @Operation(summary = "End an agreement for good (hub.govern)")
    VersionResource terminate(
            @PathVariable String agreementId,
            @PathVariable int version,
            @Valid @RequestBody Reason reason,
            HubCaller caller) {
        return resource(agreements.terminate(ref(agreementId, version), reason.reason(), caller.actor()));
    }

    private VersionResource resource(AgreementVersion version) {
        return VersionResource.of(version, clock.instant());
    }

    private ResponseEntity<VersionResource> created(AgreementVersion version) {
        URI location = URI.create("/api/agreements/" + version.ref().id() + "/versions/"
                + version.ref().version());
        return ResponseEntity.created(location).body(resource(version));
    }

    private static AgreementRef ref(String agreementId, int version) {
        if (version < 1) {
            throw new NotFound("agreement version");
        }
        return new AgreementRef(AgreementId.parse(agreementId), version);
    }
}
