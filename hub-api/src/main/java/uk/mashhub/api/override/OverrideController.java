package uk.mashhub.api.override;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.referral.MashReferrals;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.OverrideRequest;
import uk.mashhub.consent.override.OverrideScope;
import uk.mashhub.consent.override.Overrides;
import uk.mashhub.consent.override.ReviewOutcome;
import uk.mashhub.consent.override.SharingOverride;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.Uuids;

/**
 * Overrides and break-glass. A practitioner ({@code hub.triage}) records one for their own agency;
 * the data owner's reviewer ({@code hub.review}) approves or rejects it. Nobody else sees it.
 */
@RestController
@Tag(name = "Overrides", description = "Sharing without consent, break-glass, and their review")
class OverrideController {

    /** What a practitioner records. {@code purpose} for an override; {@code fields} for a break-glass. */
    record Recording(
            @NotNull OverrideKind kind,
            @NotNull @Pattern(regexp = Uuids.PATTERN) String personId,
            @NotBlank @Size(max = 4000) String justification,

            @Schema(
                    description = "The legal gateway relied on: one of the partnership's list"
                            + " (hub.consent.overrides.gateways; a 400 names them), because it goes into the"
                            + " permanent audit log",
                    example = "Children Act 1989 s47")
            @NotBlank
            @Size(max = 200)
            String gateway,

            @NotNull @Pattern(regexp = AgencyId.PATTERN) String provider,

            @NotEmpty Set<@NotNull DataCategory> categories,

            @Nullable @Pattern(regexp = PurposeCode.PATTERN) String purpose,

            @Nullable List<@NotBlank @Size(max = 100) String> fields,
            @NotNull Instant expiresAt) {}

    record ReviewDecision(
            @NotNull ReviewOutcome outcome,
            @NotBlank @Size(max = 4000) String note) {}

    record OverrideResource(
            String id,
            OverrideKind kind,
            String referralId,
            String personId,
            String recordedByAgency,
            String recordedBy,
            String justification,
            @Nullable String gateway,
            String provider,
            List<DataCategory> categories,
            @Nullable String purpose,
            List<String> fields,
            Instant recordedAt,
            Instant expiresAt,
            ReviewOutcome review,
            @Nullable String reviewNote,
            @Nullable String reviewedBy,
            @Nullable Instant reviewedAt) {

        static OverrideResource of(SharingOverride override) {
            var review = override.review();
            return new OverrideResource(
                    override.id().toString(),
                    override.kind(),
                    override.referral().toString(),
                    override.person().toString(),
                    override.recordedBy().agency().value(),
                    override.recordedBy().subject(),
                    override.justification(),
                    override.gateway(),
                    override.scope().provider().value(),
                    override.scope().categories().stream().sorted().toList(),
                    override.scope().purpose() == null
                            ? null
                            : override.scope().purpose().value(),
                    override.scope().fields(),
                    override.recordedAt(),
                    override.expiresAt(),
                    review.outcome(),
                    review.note(),
                    review.reviewer() == null
                            ? null
                            : review.reviewer().agency() + "/"
                                    + review.reviewer().subject(),
                    review.reviewedAt());
        }
    }

    record ReviewQueue(List<OverrideResource> overrides) {}

    private final Overrides overrides;
    private final MashReferrals referrals;

    OverrideController(Overrides overrides, MashReferrals referrals) {
        this.overrides = overrides;
        this.referrals = referrals;
    }

    @PostMapping(
            path = "/api/referrals/{referralId}/overrides",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            summary = "Record sharing without consent, or a break-glass, for a referral (hub.triage)",
            description =
                    "The person must be the referral's subject or one of its related persons (its `subjectPersonId`, or"
                            + " a related person's); any other answers 400. An unknown referral answers 404.")
    ResponseEntity<OverrideResource> record(
            @PathVariable String referralId, @Valid @RequestBody Recording recording, HubCaller caller) {
        Referral referral = referrals.open(referralId, caller);
        SharingOverride override = overrides.record(
                new OverrideRequest(
                        recording.kind(),
                        referral.id(),
                        referrals.personOf(referral, recording.personId()),
                        recording.justification(),
                        recording.gateway(),
                        new OverrideScope(
                                new AgencyId(recording.provider()),
                                recording.categories(),
                                recording.purpose() == null ? null : new PurposeCode(recording.purpose()),
                                recording.fields() == null ? List.of() : recording.fields()),
                        recording.expiresAt()),
                caller.actor());
        return ResponseEntity.created(URI.create("/api/overrides/" + override.id()))
                .body(OverrideResource.of(override));
    }

    @GetMapping(path = "/api/overrides/review-queue", produces = "application/json")
    @Operation(summary = "Pending overrides and break-glass over your agency's data, break-glass first (hub.review)")
    ReviewQueue reviewQueue(HubCaller caller) {
        return new ReviewQueue(overrides.reviewQueue(caller.agency()).stream()
                .map(OverrideResource::of)
                .toList());
    }

    @GetMapping(path = "/api/overrides/{overrideId}", produces = "application/json")
    @Operation(summary = "One override, for the agency that recorded it or the one whose data it covers")
    OverrideResource get(@PathVariable String overrideId, HubCaller caller) {
        return overrides
                .find(OverrideId.parse(overrideId), caller.agency())
                .map(OverrideResource::of)
                .orElseThrow(() -> new NotFound("override"));
    }

    @PostMapping(
            path = "/api/overrides/{overrideId}/review",
            consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Approve or reject an override over your agency's data (hub.review)")
    OverrideResource review(
            @PathVariable String overrideId, @Valid @RequestBody ReviewDecision decision, HubCaller caller) {
        return OverrideResource.of(
                overrides.review(OverrideId.parse(overrideId), decision.outcome(), decision.note(), caller.actor()));
    }
}
