package uk.mashhub.api.record;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.api.RegisteredAgencies;
import uk.mashhub.api.problem.Problems;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.record.AgencyRecord;
import uk.mashhub.ingest.record.AgencyRecords;
import uk.mashhub.ingest.record.RecordSubmission;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ProblemType;

/**
 * Records an agency contributes ({@code hub.contribute}). They stay behind the firewall: only the
 * providing agency reads them here; everyone else is told they are not there.
 */
@RestController
@RequestMapping(path = "/api/records", produces = "application/json")
@Tag(name = "Records", description = "What agencies hold about persons, behind the firewall")
class RecordController {

    static final ProblemType BATCH_REFUSED =
            new ProblemType("batch-refused", "The batch was refused: no record of it was kept", 422);

    record RecordResource(
            String id,
            String provider,
            String subjectIdentityId,
            DataCategory category,
            Map<String, Object> fields,
            List<String> specialCategoryFields,
            String sourceReference,
            Instant recordedAt,
            Instant receivedAt) {

        static RecordResource of(AgencyRecord record) {
            return new RecordResource(
                    record.id().toString(),
                    record.provider().value(),
                    record.subject().toString(),
                    record.category(),
                    record.fields(),
                    record.specialCategoryFields().stream().sorted().toList(),
                    record.sourceReference(),
                    record.recordedAt(),
                    record.receivedAt());
        }
    }

    record BatchResult(int accepted, List<String> recordIds) {}

    private final AgencyRecords records;
    private final RegisteredAgencies partners;
    private final RecordLines lines;

    RecordController(AgencyRecords records, RegisteredAgencies partners, RecordLines lines) {
        this.records = records;
        this.partners = partners;
        this.lines = lines;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Contribute one record about a person (hub.contribute)")
    ResponseEntity<RecordResource> contribute(
            @Valid @RequestBody RecordLines.RecordDocument document, HubCaller caller) {
        partners.requireActive(caller);
        AgencyRecord record = records.contribute(document.toSubmission(), caller.actor());
        return ResponseEntity.created(URI.create("/api/records/" + record.id())).body(RecordResource.of(record));
    }

    @GetMapping("/{recordId}")
    @Operation(summary = "One of your agency's own records")
    RecordResource get(@PathVariable String recordId, HubCaller caller) {
        UUID id;
        try {
            id = UUID.fromString(recordId);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("record id", "must be a UUID");
        }
        return records.find(id, caller.agency()).map(RecordResource::of).orElseThrow(() -> new NotFound("record"));
    }

    /**
     * A batch: one record per line (NDJSON, up to {@value RecordLines#MAX_LINES} lines). Every line is checked
     * first; if any is wrong the batch is refused with every wrong line listed and nothing is kept;
     * otherwise all of it is kept in one transaction.
     */
    @PostMapping(path = "/bulk", consumes = "application/x-ndjson")
    @Operation(summary = "Contribute a batch of records, one JSON object per line; all or none (hub.contribute)")
    // the handler reads the lines itself; the document still says what they are
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "Up to 10,000 lines, each one record as POST /api/records takes it",
            content =
                    @Content(
                            mediaType = "application/x-ndjson",
                            schema = @Schema(implementation = RecordLines.RecordDocument.class)))
    ResponseEntity<BatchResult> contributeBatch(HttpServletRequest request, HubCaller caller) throws IOException {
        partners.requireActive(caller);
        RecordLines.Batch batch = lines.read(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        if (!batch.refused().isEmpty()) {
            var problem = Problems.of(
                    BATCH_REFUSED,
                    batch.refused().size() + " line(s) are wrong; fix them and send the whole batch again.");
            problem.setProperty("lines", batch.refused());
            throw new BatchRefused(problem);
        }
        if (batch.records().isEmpty()) {
            throw new InvalidValue("batch", "holds no records");
        }
        List<RecordSubmission> submissions = batch.records();
        List<AgencyRecord> kept = records.contributeAll(submissions, caller.actor());
        return ResponseEntity.status(201)
                .body(new BatchResult(
                        kept.size(), kept.stream().map(r -> r.id().toString()).toList()));
    }

    /** A refused batch, carrying its problem with the wrong lines. */
    static final class BatchRefused extends RuntimeException {

        private final transient org.springframework.http.ProblemDetail problem;

        BatchRefused(org.springframework.http.ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }

        org.springframework.http.ProblemDetail problem() {
            return problem;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(BatchRefused.class)
    ResponseEntity<org.springframework.http.ProblemDetail> refused(BatchRefused refused) {
        return ResponseEntity.status(422).body(refused.problem());
    }
}
