package uk.mashhub.audit.reader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.DisclosureRecord;

/**
 * Exports of the read model for a filter, streamed row by row from a database cursor in constant
 * memory, oldest first. The export is an audit event ({@code AuditLogExported}), committed before
 * the first byte is written.
 */
public final class DisclosureExports {

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final List<String> CSV_HEADER = List.of(
            "sequence",
            "occurredAt",
            "type",
            "eventId",
            "actorAgency",
            "actor",
            "decision",
            "purpose",
            "provider",
            "recipient",
            "agreementId",
            "agreementVersion",
            "ground",
            "consentId",
            "overrideId",
            "person",
            "recordId",
            "category",
            "reasonCodes",
            "fieldNames",
            "hash");

    private final DisclosureLog log;
    private final ReadModel readModel;
    private final JsonMapper json;

    DisclosureExports(DisclosureLog log, ReadModel readModel, JsonMapper json) {
        this.log = log;
        this.readModel = readModel;
        this.json = json;
    }

    /** Audits the export and returns what writes it; call the writer to stream it. */
    public Export export(DisclosureFilter filter, ExportFormat format, boolean allTypes, AuditViewer viewer) {
        Map<String, Object> details = filter.asDetails();
        details.put("format", format.name());
        details.put("allTypes", allTypes);
        log.audit("AuditLogExported", viewer, details);
        Criteria criteria = new Criteria(
                filter, log.person(filter.personId()), log.visibleTo(viewer), allTypes, null, null, true, null);
        return out -> write(criteria, format, out);
    }

    /** An export ready to be written. */
    @FunctionalInterface
    public interface Export {
        /** Writes every row; returns how many. */
        long writeTo(OutputStream out) throws IOException;
    }

    private long write(Criteria criteria, ExportFormat format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long[] rows = {0};
        if (format == ExportFormat.CSV) {
            writer.write(String.join(",", CSV_HEADER));
            writer.write("\r\n");
        }
        try {
            readModel.stream(criteria.sql, criteria.arguments(), row -> {
                DisclosureEntry entry = Criteria.entry(row, json);
                try {
                    switch (format) {
                        case CSV -> csv(entry, writer);
                        case NDJSON ->
                            writer.write(DisclosureRecord.envelope(
                                    entry.sequence(), row.getString(16), entry.hash(), row.getString(15)));
                        case FHIR -> writer.write(json.writeValueAsString(fhir(entry)));
                    }
                    writer.write(format == ExportFormat.CSV ? "\r\n" : "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return rows[0];
    }

    private static void csv(DisclosureEntry entry, Writer out) throws IOException {
        Map<String, Object> d = entry.details();
        List<@Nullable Object> values = new ArrayList<>();
        values.add(entry.sequence());
        values.add(entry.occurredAt());
        values.add(entry.type());
        values.add(entry.eventId());
        values.add(entry.actorAgency());
        values.add(entry.actor());
        values.add(entry.decision());
        values.add(entry.purpose());
        values.add(entry.provider());
        values.add(entry.recipient());
        values.add(entry.agreementId());
        values.add(d.get("agreementVersion"));
        values.add(entry.ground());
        values.add(d.get("consentId"));
        values.add(entry.overrideId());
        values.add(firstPerson(d));
        values.add(d.get("recordId"));
        values.add(d.get("category"));
        values.add(joined(d.get("reasonCodes")));
        values.add(joined(d.get("fieldNames")));
        values.add(entry.hash());
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = values.get(i);
            out.write(value == null ? "" : cell(value.toString()));
        }
    }

    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value; // no formulas
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static @Nullable Object joined(@Nullable Object value) {
        return value instanceof List<?> list
                ? String.join(" ", list.stream().map(String::valueOf).toList())
                : value;
    }

    private static @Nullable String firstPerson(Map<String, Object> details) {
        return ReadModel.persons(details).stream().findFirst().orElse(null);
    }

    /** The event as a FHIR R4 AuditEvent, in the style of IHE Basic Audit Log Patterns. */
    static Map<String, Object> fhir(DisclosureEntry entry) {
        Map<String, Object> d = entry.details();
        boolean release = entry.type().equals("RecordReleased") || entry.type().equals("ReleaseDenied");
        boolean exceptional =
                entry.type().startsWith("Override") || entry.type().startsWith("BreakGlass");
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("resourceType", "AuditEvent");
        resource.put("id", entry.eventId().toString());
        resource.put(
                "type",
                release
                        ? coding(DCM, "110106", "Export")
                        : exceptional
                                ? coding(DCM, "110113", "Security Alert")
                                : coding(DCM, "110100", "Application Activity"));
        resource.put("subtype", List.of(coding("urn:mash-hub:audit-event-type", entry.type(), entry.type())));
        resource.put("action", release ? "R" : "E");
        resource.put("recorded", entry.occurredAt().toString());
        resource.put("outcome", "DENY".equals(entry.decision()) ? "4" : "0");
        if (d.get("reasonCodes") instanceof List<?> codes && !codes.isEmpty()) {
            resource.put(
                    "outcomeDesc",
                    String.join(" ", codes.stream().map(String::valueOf).toList()));
        }
        List<Object> purposes = new ArrayList<>();
        if (entry.purpose() != null) {
            purposes.add(Map.of("coding", List.of(coding("urn:mash-hub:purpose", entry.purpose(), entry.purpose()))));
        }
        if ("BREAK_GLASS".equals(entry.ground()) || entry.type().startsWith("BreakGlass")) {
            purposes.add(Map.of(
                    "coding",
                    List.of(coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "BTG", "break the glass"))));
        }
        if (!purposes.isEmpty()) {
            resource.put("purposeOfEvent", purposes);
        }
        List<Object> agents = new ArrayList<>();
        agents.add(agent(
                coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                "urn:mash-hub:actor:" + entry.actorAgency(),
                entry.actor(),
                true));
        if (entry.recipient() != null) {
            agents.add(agent(
                    coding(DCM, "110152", "Destination Role ID"), "urn:mash-hub:agency", entry.recipient(), false));
        }
        if (entry.provider() != null) {
            agents.add(agent(coding(DCM, "110153", "Source Role ID"), "urn:mash-hub:agency", entry.provider(), false));
        }
        resource.put("agent", agents);
        resource.put(
                "source",
                Map.of(
                        "observer", Map.of("display", "MASH Hub"),
                        "type",
                                List.of(coding(
                                        "http://terminology.hl7.org/CodeSystem/security-source-type",
                                        "4",
                                        "Application Server"))));
        List<Object> entities = new ArrayList<>();
        for (String person : ReadModel.persons(d)) {
            entities.add(Map.of(
                    "what", Map.of("identifier", Map.of("system", "urn:mash-hub:pseudonym", "value", person)),
                    "type", coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                    "role", coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient")));
        }
        if (d.get("recordId") != null) {
            List<Object> detail = new ArrayList<>();
            for (String key : List.of(
                    "category", "fieldNames", "agreementId", "agreementVersion", "consentId", "overrideId", "ground")) {
                Object value = joined(d.get(key));
                if (value != null) {
                    detail.add(Map.of("type", key, "valueString", value.toString()));
                }
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put(
                    "what",
                    Map.of(
                            "identifier",
                            Map.of(
                                    "system",
                                    "urn:mash-hub:record",
                                    "value",
                                    d.get("recordId").toString())));
            record.put("type", coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
            if (!detail.isEmpty()) {
                record.put("detail", detail);
            }
            entities.add(record);
        }
        entities.add(Map.of(
                "what",
                        Map.of(
                                "identifier",
                                Map.of(
                                        "system",
                                        "urn:mash-hub:audit-sequence",
                                        "value",
                                        Long.toString(entry.sequence()))),
                "type", coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
                "detail", List.of(Map.of("type", "hash", "valueString", entry.hash()))));
        resource.put("entity", entities);
        return resource;
    }

    private static Map<String, Object> coding(String system, String code, String display) {
        return Map.of("system", system, "code", code, "display", display);
    }

    private static Map<String, Object> agent(Map<String, Object> role, String system, String who, boolean requestor) {
        return Map.of(
                "type", Map.of("coding", List.of(role)),
                "who", Map.of("identifier", Map.of("system", system, "value", who)),
                "requestor", requestor);
    }
}
