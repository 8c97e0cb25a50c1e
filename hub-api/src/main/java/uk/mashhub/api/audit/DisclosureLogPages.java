package uk.mashhub.api.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.FormError;
import uk.mashhub.api.web.PageController;
import uk.mashhub.audit.reader.AuditViewer;
import uk.mashhub.audit.reader.DisclosureExports;
import uk.mashhub.audit.reader.DisclosureLog;
import uk.mashhub.audit.reader.ExportFormat;
import uk.mashhub.audit.reader.ReaderProperties;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;

/**
 * The auditor's pages over the disclosure log ({@code hub.audit}): the search with its filters and
 * exports, and the subject report ("who has seen my data"). They ask the same {@link DisclosureLog}
 * and {@link DisclosureExports} as the API, so every search, report and export is audited first and
 * an auditor of an agency that is not partnership-wide sees only what their agency took part in.
 *
 * <p>The search is a GET form: its fields are ids, codes, agencies and dates, never personal data,
 * and a search's address can be kept and shared between auditors.
 */
@PageController
class DisclosureLogPages {

    static final int PAGE_SIZE = 25;
    static final int REPORT_PAGE_SIZE = 100;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.UK).withZone(LocalTime.ZONE);

    private final DisclosureLog log;
    private final DisclosureExports exports;
    private final Agencies agencies;
    private final ReaderProperties reader;

    DisclosureLogPages(DisclosureLog log, DisclosureExports exports, Agencies agencies, ReaderProperties reader) {
        this.log = log;
        this.exports = exports;
        this.agencies = agencies;
        this.reader = reader;
    }

    /** Whether the caller sees the whole partnership's log, or only what their agency took part in (the pages say which). */
    @ModelAttribute("partnershipWide")
    boolean partnershipWide(HubCaller caller) {
        return reader.partnershipAuditors().contains(caller.agency().value());
    }

    /** One export of the search shown: its link text and address. */
    record ExportLink(String text, String href) {}

    @GetMapping("/audit")
    String search(
            HubCaller caller,
            @ModelAttribute("form") DisclosureSearch form,
            @RequestParam(required = false) @Nullable Long before,
            Model model) {
        List<Agency> known = agencies.all();
        model.addAttribute("agencies", known);
        model.addAttribute("types", DisclosureSearch.TYPES);
        model.addAttribute("fieldErrors", Map.of());
        if (!form.submitted()) {
            return "audit/search";
        }
        List<FormError> errors = form.problems(ids(known));
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            model.addAttribute("fieldErrors", byField(errors));
            return "audit/search";
        }
        DisclosureLog.Page page = log.search(form.filter(), viewer(caller), before, PAGE_SIZE);
        model.addAttribute("rows", LogRow.of(page.entries(), names(known)));
        model.addAttribute("readModelPosition", page.readModelPosition());
        model.addAttribute("firstPage", before == null);
        model.addAttribute("newestHref", form.href("/audit", Map.of()));
        if (page.next() != null) {
            model.addAttribute("nextHref", form.href("/audit", Map.of("before", page.next())));
        }
        model.addAttribute(
                "exports",
                List.of(
                        new ExportLink(
                                "Download CSV (spreadsheet)", form.href("/audit/export", Map.of("format", "csv"))),
                        new ExportLink(
                                "Download NDJSON (the stream's own records)",
                                form.href("/audit/export", Map.of("format", "ndjson"))),
                        new ExportLink(
                                "Download FHIR AuditEvent (NDJSON)",
                                form.href("/audit/export", Map.of("format", "fhir"))),
                        new ExportLink(
                                "Download every kind of event, not only disclosures (NDJSON)",
                                form.href("/audit/export", Map.of("format", "ndjson", "allTypes", true)))));
        if (form.personId() != null && !form.personId().isBlank()) {
            model.addAttribute("subjectHref", "/audit/subjects/" + form.filter().personId());
        }
        return "audit/search";
    }

    /**
     * Streams an export of a search, oldest first, as a download. The links come from a search that
     * was checked; an address edited by hand with a bad value gets the problem page, not a file.
     */
    @GetMapping("/audit/export")
    ResponseEntity<StreamingResponseBody> export(
            HubCaller caller,
            @ModelAttribute("form") DisclosureSearch form,
            @RequestParam String format,
            @RequestParam(defaultValue = "false") boolean allTypes) {
        ExportFormat chosen;
        try {
            chosen = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("format", "must be csv, ndjson or fhir");
        }
        List<FormError> errors = form.problems(ids(agencies.all()));
        if (!errors.isEmpty()) {
            throw new InvalidValue("search", "has a value the search form would not accept: search again");
        }
        DisclosureExports.Export export = exports.export(form.filter(), chosen, allTypes, viewer(caller));
        String name = "disclosures-" + (chosen == ExportFormat.FHIR ? "fhir-" : "") + FILE_TIME.format(Instant.now())
                + (chosen == ExportFormat.CSV ? ".csv" : ".ndjson");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(export::writeTo);
    }

    /** The subject report's start: the person's id, then their report at its own address. */
    @GetMapping("/audit/subjects")
    String subjectForm(
            @RequestParam(required = false) @Nullable String personId,
            @RequestParam(required = false) @Nullable String forSubjectAccess,
            Model model) {
        model.addAttribute("personId", personId);
        model.addAttribute("forSubjectAccess", "true".equals(forSubjectAccess));
        model.addAttribute("fieldErrors", Map.of());
        if (personId == null) {
            return "audit/subject-form";
        }
        UUID id;
        try {
            id = UUID.fromString(personId.strip());
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null || personId.strip().length() != 36) {
            List<FormError> errors = List.of(new FormError(
                    "personId",
                    personId.isBlank()
                            ? "Enter the person id"
                            : "Enter the person id in the right format, like 3f2b8c1e-5d4a-4e7b-9c3d-2a1b0c9d8e7f"));
            model.addAttribute("errors", errors);
            model.addAttribute("fieldErrors", byField(errors));
            return "audit/subject-form";
        }
        return "redirect:" + reportHref(id.toString(), "true".equals(forSubjectAccess), null);
    }

    @GetMapping("/audit/subjects/{personId}")
    String subjectReport(
            HubCaller caller,
            @PathVariable String personId,
            @RequestParam(defaultValue = "false") boolean forSubjectAccess,
            @RequestParam(required = false) @Nullable Long before,
            Model model) {
        String id;
        try {
            id = PersonId.parse(personId).toString();
        } catch (InvalidValue notAnId) {
            // a mistyped address is a page that is not there, as on every other page (the form checks ids)
            throw new NotFound("subject report");
        }
        DisclosureLog.SubjectReport report =
                log.subjectReport(id, viewer(caller), forSubjectAccess, before, REPORT_PAGE_SIZE);
        Map<String, String> names = names(agencies.all());
        Map<String, Long> byRecipient = new LinkedHashMap<>();
        report.disclosuresByRecipient()
                .forEach((agency, count) -> byRecipient.put(names.getOrDefault(agency, agency), count));
        model.addAttribute("personId", id);
        model.addAttribute("report", report);
        List<LogRow> rows = LogRow.of(report.entries(), names);
        model.addAttribute("rows", rows);
        model.addAttribute("byRecipient", byRecipient);
        model.addAttribute("forSubjectAccess", forSubjectAccess);
        model.addAttribute("firstPage", before == null);
        model.addAttribute("newestHref", reportHref(id, forSubjectAccess, null));
        model.addAttribute("otherViewHref", reportHref(id, !forSubjectAccess, null));
        model.addAttribute("searchHref", DisclosureSearch.aboutPerson(id).href("/audit", Map.of()));
        if (report.next() != null) {
            model.addAttribute("nextHref", reportHref(id, forSubjectAccess, report.next()));
        }
        boolean mayWithhold = SubjectAccessWithholdings.mayWithhold(caller);
        model.addAttribute("mayWithhold", mayWithhold && !forSubjectAccess);
        if (mayWithhold && !forSubjectAccess) {
            model.addAttribute("exemptions", SubjectAccessWithholdings.EXEMPTIONS);
            model.addAttribute(
                    "withheldRows",
                    rows.stream().filter(row -> row.withheld() != null).toList());
            if (!model.containsAttribute("withholding")) {
                model.addAttribute("withholding", new SubjectAccessWithholdings.WithholdingForm(null, null, null));
            }
        }
        // a refused withholding comes back here with its errors (flash attributes of the redirect)
        List<FormError> errors = model.getAttribute("errors") instanceof List<?> list
                ? list.stream()
                        .filter(FormError.class::isInstance)
                        .map(FormError.class::cast)
                        .toList()
                : List.of();
        model.addAttribute("fieldErrors", byField(errors));
        return "audit/subject-report";
    }

    private static String reportHref(String personId, boolean forSubjectAccess, @Nullable Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/audit/subjects/{personId}");
        if (forSubjectAccess) {
            uri.queryParam("forSubjectAccess", true);
        }
        if (before != null) {
            uri.queryParam("before", before);
        }
        return uri.buildAndExpand(personId).encode().toUriString();
    }

    /** The error messages by the id of their field, for each field's own error message. */
    private static Map<String, String> byField(List<FormError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(error -> {
            if (error.field() != null) {
                byField.putIfAbsent(error.field(), error.message());
            }
        });
        return byField;
    }

    private static Set<String> ids(List<Agency> agencies) {
        return agencies.stream().map(agency -> agency.id().value()).collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> names(List<Agency> agencies) {
        return agencies.stream()
                .collect(Collectors.toUnmodifiableMap(agency -> agency.id().value(), Agency::name));
    }

    static AuditViewer viewer(HubCaller caller) {
        return new AuditViewer(caller.agency(), caller.subject());
    }
}
