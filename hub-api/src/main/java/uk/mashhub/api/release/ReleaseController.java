package uk.mashhub.api.release;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.audit.AuditReceipt;
import uk.mashhub.consent.decision.Reason;
import uk.mashhub.consent.decision.ReleaseDecision;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;
import uk.mashhub.kernel.Uuids;

/**
 * Asking for records about a referral's subject and linked persons ({@code hub.release}). One
 * record by id, or every record of chosen categories and providers; each gets its own decision and
 * disclosure receipt. The answer is sent after the audit of every decision has committed.
 */
@RestController
@Tag(name = "Releases", description = "Records released for a referral, each with its reason and receipt")
class ReleaseController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /**
     * @param recordId one record; or leave it out and name categories and/or providers (none = all)
     * @param limit at most this many records in one answer (default 1000, at most 10000)
     */
    record ReleaseAsk(
            @NotNull @Pattern(regexp = PurposeCode.PATTERN) String purpose,

            @Nullable @Pattern(regexp = Uuids.PATTERN) String recordId,
            @Nullable Set<@NotNull DataCategory> categories,
            @Nullable Set<@NotNull @Pattern(regexp = AgencyId.PATTERN) String> providers,
            @Nullable @Min(1) @Max(MAX_LIMIT) Integer limit) {}

    record Receipt(String eventId, long sequence, String hash) {
        static Receipt of(AuditReceipt receipt) {
            return new Receipt(receipt.eventId().toString(), receipt.sequence(), receipt.hash());
        }
    }

    record ReasonResource(String code, String sentence) {
        static ReasonResource of(Reason reason) {
            return new ReasonResource(reason.code().name(), reason.sentence());
        }
    }

    record AgreementResource(String id, int version) {}

    /** A permit carries the record's released fields; a denial only its reasons. */
    record DisclosureResource(
            String recordId,
            String decision,
            String explanation,
            @Nullable String provider,
            @Nullable DataCategory category,
            @Nullable Instant recordedAt,
            @Nullable Map<String, Object> fields,
            @Nullable List<String> specialCategoryFields,
            @Nullable AgreementResource agreement,
            @Nullable String ground,
            @Nullable String consentId,
            @Nullable String overrideId,
            @Nullable List<ReasonResource> reasons,
            Receipt receipt) {

        static DisclosureResource of(Disclosures.Disclosure disclosure) {
            ReleaseDecision decision = disclosure.decision();
            Receipt receipt = Receipt.of(disclosure.receipt());
            if (!decision.permitted() || disclosure.record() == null) {
                return new DisclosureResource(
                        disclosure.recordId().toString(),
                        "DENY",
                        decision.explanation(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        decision.reasons().stream().map(ReasonResource::of).toList(),
                        receipt);
            }
            var record = disclosure.record();
            return new DisclosureResource(
                    disclosure.recordId().toString(),
                    "PERMIT",
                    decision.explanation(),
                    record.provider().value(),
                    record.category(),
                    record.recordedAt(),
                    disclosure.fields(),
                    record.specialCategoryFields().stream()
                            .filter(disclosure.fields()::containsKey)
                            .sorted()
                            .toList(),
                    decision.agreement() == null
                            ? null
                            : new AgreementResource(
                                    decision.agreement().id().toString(),
                                    decision.agreement().version()),
                    decision.ground() == null ? null : decision.ground().name(),
                    decision.consent() == null ? null : decision.consent().toString(),
                    decision.override() == null ? null : decision.override().toString(),
                    null,
                    receipt);
        }
    }

    record ReleaseResource(
            String referralId,
            String purpose,
            int permitted,
            int denied,
            boolean complete,
            List<DisclosureResource> disclosures) {}

    private final Disclosures disclosures;

    ReleaseController(Disclosures disclosures) {
        this.disclosures = disclosures;
    }

    @PostMapping(
            path = "/api/referrals/{referralId}/releases",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            summary = "Ask for records about the referral's subject and linked persons, for a purpose (hub.release)",
            description = "Each record gets its own decision and its own audit event; permitted fields are returned"
                    + " with a disclosure receipt only after the audit has committed (503 and nothing released"
                    + " otherwise). A record outside the case, or one that does not exist, is answered alike. If a"
                    + " consent, agreement, override, agency, the referral's status or a link changed while the release was"
                    + " decided, it is decided again (409 release-outdated, nothing released, after three tries).")
    ReleaseResource release(@PathVariable String referralId, @Valid @RequestBody ReleaseAsk ask, HubCaller caller) {
        boolean oneRecord = ask.recordId() != null;
        if (oneRecord
                && ((ask.categories() != null && !ask.categories().isEmpty())
                        || (ask.providers() != null && !ask.providers().isEmpty()))) {
            throw new InvalidValue("recordId", "ask for one record, or for categories and providers, not both");
        }
        var outcome = disclosures.release(
                new Disclosures.Ask(
                        ReferralId.parse(referralId),
                        new PurposeCode(ask.purpose()),
                        oneRecord ? UUID.fromString(ask.recordId()) : null,
                        ask.categories() == null ? Set.of() : Set.copyOf(ask.categories()),
                        ask.providers() == null
                                ? Set.of()
                                : ask.providers().stream()
                                        .map(AgencyId::new)
                                        .collect(java.util.stream.Collectors.toSet()),
                        ask.limit() == null ? DEFAULT_LIMIT : ask.limit()),
                caller);
        List<DisclosureResource> resources =
                outcome.disclosures().stream().map(DisclosureResource::of).toList();
        int permitted = (int)
                resources.stream().filter(r -> r.decision().equals("PERMIT")).count();
        return new ReleaseResource(
                outcome.referral().toString(),
                outcome.purpose().value(),
                permitted,
                resources.size() - permitted,
                outcome.complete(),
                resources);
    }
}
