package uk.mashhub.api.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import uk.mashhub.api.problem.StorableValues;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.audit.AuditReceipt;
import uk.mashhub.audit.reader.AuditViewer;
import uk.mashhub.audit.reader.DisclosureEntry;
import uk.mashhub.audit.reader.DisclosureExports;
import uk.mashhub.audit.reader.DisclosureFilter;
import uk.mashhub.audit.reader.DisclosureLog;
import uk.mashhub.audit.reader.Exemption;
import uk.mashhub.audit.reader.ExportFormat;
import uk.mashhub.audit.reader.ReadModelStatus;
import uk.mashhub.audit.reader.Reconciliation;
import uk.mashhub.audit.reader.StreamReader;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PersonId;

/**
 * The auditor's view of the disclosure log ({@code hub.audit}), answered from the read model built
 * from the disclosure stream. Every search, report and export is itself an audit event, committed
 * before the answer is read. An auditor of a partnership-wide agency sees everything; any other
 * sees the events their agency took part in.
 */
@RestController
@Tag(name = "Audit", description = "The audit chain, for auditors")
class DisclosureLogController {

    private final DisclosureLog log;
    private final DisclosureExports exports;
    private final Reconciliation reconciliation;
    private final StreamReader reader;

    DisclosureLogController(
            DisclosureLog log, DisclosureExports exports, Reconciliation reconciliation, StreamReader reader) {
        this.log = log;
        this.exports = exports;
        this.reconciliation = reconciliation;
        this.reader = reader;
    }

    record Page(List<DisclosureEntry> entries, @Nullable Long next, long readModelPosition) {}

    @GetMapping(path = "/api/audit/disclosures", produces = "application/json")
    @Operation(
            summary = "Search release decisions, overrides and break-glass (hub.audit)",
            description = "Newest first; pass `next` as `before` for the next page. No totals: a page and a cursor.")
    Page search(
            HubCaller caller,
            @ParameterObject Criteria criteria,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "50") int limit) {
        DisclosureLog.Page page = log.search(criteria.filter(), viewer(caller), before, limit);
        return new Page(page.entries(), page.next(), page.readModelPosition());
    }

    @GetMapping(path = "/api/audit/subjects/{personId}/report", produces = "application/json")
    @Operation(
            summary = "Who has seen this person's data (hub.audit)",
            description = "Every event naming the person, newest first. With forSubjectAccess=true, entries withheld"
                    + " on a recorded exemption are left out and counted in withheldEntries — never silently.")
    DisclosureLog.SubjectReport subjectReport(
            HubCaller caller,
            @PathVariable String personId,
            @RequestParam(defaultValue = "false") boolean forSubjectAccess,
            @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "1000") int limit) {
        return log.subjectReport(PersonId.parse(personId).toString(), viewer(caller), forSubjectAccess, before, limit);
    }

    record WithholdingRequest(
            @Nullable Long sequence,
            @Nullable String exemption,
            @Nullable String reference) {}

    @PostMapping(path = "/api/audit/subjects/{personId}/withholdings", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Withhold an entry from this person's subject access answer (hub.audit and hub.review)",
            description = "Recorded as an audit event with its exemption; the report shows it once the read model"
                    + " has consumed that event (202).")
    AuditReceipt withhold(
            HubCaller caller, @PathVariable String personId, @RequestBody WithholdingRequest withholding) {
        if (withholding.sequence() == null) {
            throw new InvalidValue("sequence", "is required: the sequence number of the entry to withhold");
        }
        Exemption exemption;
        try {
            exemption = Exemption.valueOf(String.valueOf(withholding.exemption()));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("exemption", "must be one of " + List.of(Exemption.values()));
        }
        return log.withhold(
                PersonId.parse(personId).toString(),
                withholding.sequence(),
                exemption,
                withholding.reference(),
                viewer(caller));
    }

    @DeleteMapping(path = "/api/audit/subjects/{personId}/withholdings/{sequence}", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "End a withholding (hub.audit and hub.review)")
    AuditReceipt release(HubCaller caller, @PathVariable String personId, @PathVariable long sequence) {
        return log.release(PersonId.parse(personId).toString(), sequence, viewer(caller));
    }

    @GetMapping(path = "/api/audit/exports")
    @Operation(
            summary = "Export the disclosure log for a filter: csv, ndjson or fhir (hub.audit)",
            description = "Streamed oldest first in constant memory. ndjson is the stream's own records (an export of"
                    + " everything with allTypes=true verifies with ./verify-chain); fhir is one FHIR R4 AuditEvent per"
                    + " line.")
    ResponseEntity<StreamingResponseBody> export(
            HubCaller caller,
            @RequestParam String format,
            @RequestParam(defaultValue = "false") boolean allTypes,
            @ParameterObject Criteria criteria) {
        ExportFormat chosen;
        try {
            chosen = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("format", "must be csv, ndjson or fhir");
        }
        DisclosureFilter filter = criteria.filter();
        DisclosureExports.Export export = exports.export(filter, chosen, allTypes, viewer(caller));
        String extension = chosen == ExportFormat.CSV ? "csv" : "ndjson";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"disclosures-" + chosen.name().toLowerCase(Locale.ROOT) + "." + extension
                                + "\"")
                .body(export::writeTo);
    }

    /**
     * @param healthy no gap and no break in the stream as consumed
     * @param reconciled every sequence number of the source log up to the position is accounted for
     */
    record ReadModel(
            boolean healthy, boolean reconciled, ReadModelStatus readModel, Reconciliation.Result reconciliation) {}

    @GetMapping(path = "/api/audit/read-model", produces = "application/json")
    @Operation(
            summary = "The read model's position, gaps and breaks, reconciled against the source log (hub.audit)",
            description = "Reconciled: every sequence number of the source log up to the read model's position is in"
                    + " it (or was removed by retention) and its hash there is the source's. The check is audited.")
    ReadModel readModel(HubCaller caller) {
        ReadModelStatus status = reader.status();
        Reconciliation.Result result = reconciliation.runFor(viewer(caller));
        return new ReadModel(status.healthy(), result.reconciled(), status, result);
    }

    private static AuditViewer viewer(HubCaller caller) {
        return new AuditViewer(caller.agency(), caller.subject());
    }

    /**
     * The criteria of a search or export as they arrive in the query string (all optional), checked
     * when they become a {@link DisclosureFilter}: a bad one is a 400 naming it.
     */
    record Criteria(
            @Nullable String personId,
            @Nullable String providingAgency,
            @Nullable String receivingAgency,
            @Nullable String purpose,
            @Nullable String actor,
            @Nullable String agreementId,
            @Nullable String decision,
            @Nullable Boolean overridesOnly,
            @Nullable Boolean breakGlassOnly,
            @Nullable String type,
            @Nullable String from,
            @Nullable String to) {

        DisclosureFilter filter() {
            return new DisclosureFilter(
                    personId == null ? null : PersonId.parse(personId).toString(),
                    agency(providingAgency),
                    agency(receivingAgency),
                    code("purpose", purpose),
                    actor,
                    agreementId == null ? null : uuid("agreementId", agreementId),
                    decision,
                    Boolean.TRUE.equals(overridesOnly),
                    Boolean.TRUE.equals(breakGlassOnly),
                    type,
                    instant("from", from),
                    instant("to", to));
        }
    }

    private static @Nullable String agency(@Nullable String agency) {
        return agency == null ? null : new AgencyId(agency).value();
    }

    private static @Nullable String code(String what, @Nullable String code) {
        if (code != null && !code.matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw new InvalidValue(what, "must be a code of capital letters, digits and _");
        }
        return code;
    }

    private static String uuid(String what, String text) {
        try {
            return java.util.UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(what, "must be a UUID");
        }
    }

    private static @Nullable Instant instant(String what, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            if (StorableValues.inRange(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidValue(
                what, "must be an ISO-8601 instant between the years 1 and 9999, such as 2026-11-21T00:00:00Z");
    }
}
