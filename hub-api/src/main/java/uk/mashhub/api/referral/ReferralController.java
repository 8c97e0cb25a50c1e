package uk.mashhub.api.referral;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.RegisteredAgencies;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.Outcome;
import uk.mashhub.ingest.referral.Rag;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.ReferralStatus;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.ingest.signal.CrossAgencySignals;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ReferralId;

/**
 * Referrals. Agency systems ({@code hub.contribute}) post them and read their own; the MASH
 * ({@code hub.triage}) works the queue, rates, gathers, decides and closes, and reads every
 * referral. Any other agency is told a referral is not there.
 */
@RestController
@RequestMapping(path = "/api/referrals", produces = "application/json")
@Tag(name = "Referrals", description = "Concerns posted by agencies, and the MASH's triage")
class ReferralController {

    record Rating(
            @NotNull Rag rag, @NotBlank @Size(max = 4000) String rationale) {}

    record ReferralDecision(
            @NotNull Outcome outcome,
            @NotBlank @Size(max = 4000) String rationale) {}

    record ReferralQueue(
            List<ReferralResource> referrals, @Nullable String next) {}

    record TimelineResource(List<Referrals.TimelineEntry> timeline) {}

    private final ReferralSubmissions submissions;
    private final Referrals referrals;
    private final CrossAgencySignals signals;
    private final RegisteredAgencies partners;
    private final Persons persons;
    private final Clock clock;

    ReferralController(
            ReferralSubmissions submissions,
            Referrals referrals,
            CrossAgencySignals signals,
            RegisteredAgencies partners,
            Persons persons,
            Clock clock) {
        this.submissions = submissions;
        this.referrals = referrals;
        this.signals = signals;
        this.partners = partners;
        this.persons = persons;
        this.clock = clock;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Post a referral (hub.contribute); the Idempotency-Key header is required")
    ResponseEntity<String> submit(
            @RequestHeader("Idempotency-Key") @NotBlank @Size(max = 255) @Pattern(regexp = "^[\\x21-\\x7E]+$")
                    String key,
            @Valid @RequestBody ReferralDocument document,
            HubCaller caller) {
        partners.requireActive(caller);
        var answer = submissions.submit(key, document, caller);
        var response = ResponseEntity.status(answer.response().status()).contentType(MediaType.APPLICATION_JSON);
        if (answer.response().location() != null) {
            response.location(URI.create(answer.response().location()));
        }
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(answer.response().body());
    }

    @GetMapping("/{referralId}")
    @Operation(
            summary =
                    "One referral: your agency's own, or any for the MASH (hub.triage), who also get the subject's person id")
    ReferralResource get(@PathVariable String referralId, HubCaller caller) {
        Referral referral = visible(referralId, caller);
        return caller.scopes().contains(HubScope.TRIAGE)
                ? ReferralResource.of(referral, clock.instant(), signals.forReferral(referral.id()))
                        .withSubjectPerson(persons.personOf(referral.subject()))
                : ReferralResource.forReferrer(referral, clock.instant());
    }

    @GetMapping("/{referralId}/timeline")
    @Operation(summary = "Every change to a referral, oldest first")
    TimelineResource timeline(@PathVariable String referralId, HubCaller caller) {
        List<Referrals.TimelineEntry> timeline =
                referrals.timeline(visible(referralId, caller).id());
        if (caller.scopes().contains(HubScope.TRIAGE)) {
            return new TimelineResource(timeline);
        }
        // the referring agency sees every change, not the MASH's reasons (they may cite what partners hold)
        return new TimelineResource(timeline.stream()
                .map(entry -> new Referrals.TimelineEntry(entry.at(), entry.actor(), entry.change(), entry.rag(), null))
                .toList());
    }

    @GetMapping
    @Operation(summary = "The triage queue: open referrals, most pressing deadline first (hub.triage)")
    ReferralQueue queue(
            @RequestParam(required = false) @Nullable List<ReferralStatus> status,
            @RequestParam(required = false) @Nullable Rag rag,
            @RequestParam(required = false) @Nullable ConcernCategory concern,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<Referral> page = referrals.queue(
                new Referrals.QueueFilter(named(status), rag, concern, overdue),
                after == null
                        ? null
                        : QueueCursors.read(after)
                                .orElseThrow(() -> new InvalidValue(
                                        "cursor 'after'", "must be the 'next' value of a previous page")),
                limit);
        Instant now = clock.instant();
        String next = page.size() < limit ? null : QueueCursors.after(page.getLast());
        var pageSignals = signals.forReferrals(page.stream().map(Referral::id).toList());
        return new ReferralQueue(
                page.stream()
                        .map(r -> ReferralResource.of(r, now, pageSignals.get(r.id())))
                        .toList(),
                next);
    }

    /** The statuses asked for; a blank one ({@code ?status=%20}) asks for nothing, as a blank single filter does. */
    private static @Nullable List<ReferralStatus> named(@Nullable List<ReferralStatus> statuses) {
        return statuses == null
                ? null
                : statuses.stream().filter(Objects::nonNull).toList();
    }

    @PostMapping(path = "/{referralId}/rating", consumes = "application/json")
    @Operation(summary = "Set or change the RAG rating, with a rationale (hub.triage)")
    ReferralResource rate(@PathVariable String referralId, @Valid @RequestBody Rating rating, HubCaller caller) {
        return resource(referrals.rate(ReferralId.parse(referralId), rating.rag(), rating.rationale(), caller.actor()));
    }

    @PostMapping("/{referralId}/gathering")
    @Operation(summary = "Start gathering information from partners (hub.triage)")
    ReferralResource gather(@PathVariable String referralId, HubCaller caller) {
        return resource(referrals.startGathering(ReferralId.parse(referralId), caller.actor()));
    }

    @PostMapping(path = "/{referralId}/decision", consumes = "application/json")
    @Operation(summary = "Record the outcome, with a rationale (hub.triage)")
    ReferralResource decide(
            @PathVariable String referralId, @Valid @RequestBody ReferralDecision decision, HubCaller caller) {
        return resource(referrals.decide(
                ReferralId.parse(referralId), decision.outcome(), decision.rationale(), caller.actor()));
    }

    @PostMapping("/{referralId}/closure")
    @Operation(summary = "Close a decided referral (hub.triage)")
    ReferralResource close(@PathVariable String referralId, HubCaller caller) {
        return resource(referrals.close(ReferralId.parse(referralId), caller.actor()));
    }

    private Referral visible(String referralId, HubCaller caller) {
        return referrals
                .find(
                        ReferralId.parse(referralId),
                        caller.agency(),
                        caller.scopes().contains(HubScope.TRIAGE))
                .orElseThrow(() -> new NotFound("referral"));
    }

    /** A lifecycle step's answer, to the MASH practitioner who took it. */
    private ReferralResource resource(Referral referral) {
        return ReferralResource.of(referral, clock.instant(), null);
    }
}
