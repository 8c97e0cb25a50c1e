package uk.mashhub.audit.reader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
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
                        case FHIR -> {
                            JsonGenerator generator = json.createGenerator(writer);
                            fhir(entry, generator);
                            generator.flush(); // not closed: the writer goes on with the next line
                        }
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

    /** Writes the event as a FHIR R4 AuditEvent, in the style of IHE Basic Audit Log Patterns, on one line. */
    static void fhir(DisclosureEntry entry, JsonGenerator out) {
        Map<String, Object> d = entry.details();
        boolean release = entry.type().equals("RecordReleased")
                || entry.type().equals("ReleaseDenied")
                || entry.type().equals("ReleaseRefused");
        boolean exceptional =
                entry.type().startsWith("Override") || entry.type().startsWith("BreakGlass");
        out.writeStartObject();
        out.writeStringProperty("resourceType", "AuditEvent");
        out.writeStringProperty("id", entry.eventId().toString());
        out.writeName("type");
        if (release) {
            coding(out, DCM, "110106", "Export");
        } else if (exceptional) {
            coding(out, DCM, "110113", "Security Alert");
        } else {
            coding(out, DCM, "110100", "Application Activity");
        }
        out.writeArrayPropertyStart("subtype");
        coding(out, "urn:mash-hub:audit-event-type", entry.type(), entry.type());
        out.writeEndArray();
        out.writeStringProperty("action", release ? "R" : "E");
        out.writeStringProperty("recorded", entry.occurredAt().toString());
        out.writeStringProperty("outcome", "DENY".equals(entry.decision()) ? "4" : "0");
        if (d.get("reasonCodes") instanceof List<?> codes && !codes.isEmpty()) {
            out.writeStringProperty(
                    "outcomeDesc",
                    String.join(" ", codes.stream().map(String::valueOf).toList()));
        }
        boolean breakGlass =
                "BREAK_GLASS".equals(entry.ground()) || entry.type().startsWith("BreakGlass");
        if (entry.purpose() != null || breakGlass) {
            out.writeArrayPropertyStart("purposeOfEvent");
            if (entry.purpose() != null) {
                concept(out, "urn:mash-hub:purpose", entry.purpose(), entry.purpose());
            }
            if (breakGlass) {
                concept(out, "http://terminology.hl7.org/CodeSystem/v3-ActCode", "BTG", "break the glass");
            }
            out.writeEndArray();
        }
        out.writeArrayPropertyStart("agent");
        agent(
                out,
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "IRCP",
                "information recipient",
                "urn:mash-hub:actor:" + entry.actorAgency(),
                entry.actor(),
                true);
        if (entry.recipient() != null) {
            agent(out, DCM, "110152", "Destination Role ID", "urn:mash-hub:agency", entry.recipient(), false);
        }
        if (entry.provider() != null) {
            agent(out, DCM, "110153", "Source Role ID", "urn:mash-hub:agency", entry.provider(), false);
        }
        out.writeEndArray();
        out.writeObjectPropertyStart("source");
        out.writeObjectPropertyStart("observer");
        out.writeStringProperty("display", "MASH Hub");
        out.writeEndObject();
        out.writeArrayPropertyStart("type");
        coding(out, "http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server");
        out.writeEndArray();
        out.writeEndObject();
        out.writeArrayPropertyStart("entity");
        for (String person : ReadModel.persons(d)) {
            out.writeStartObject();
            what(out, "urn:mash-hub:pseudonym", person);
            out.writeName("type");
            coding(out, "http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person");
            out.writeName("role");
            coding(out, "http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient");
            out.writeEndObject();
        }
        if (d.get("recordId") != null) {
            out.writeStartObject();
            what(out, "urn:mash-hub:record", d.get("recordId").toString());
            out.writeName("type");
            coding(out, "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
            boolean any = false;
            for (String key : RECORD_DETAILS) {
                Object value = joined(d.get(key));
                if (value != null) {
                    if (!any) {
                        out.writeArrayPropertyStart("detail");
                        any = true;
                    }
                    out.writeStartObject();
                    out.writeStringProperty("type", key);
                    out.writeStringProperty("valueString", value.toString());
                    out.writeEndObject();
                }
            }
            if (any) {
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeStartObject();
        what(out, "urn:mash-hub:audit-sequence", Long.toString(entry.sequence()));
        out.writeName("type");
        coding(out, "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object");
        out.writeArrayPropertyStart("detail");
        out.writeStartObject();
        out.writeStringProperty("type", "hash");
        out.writeStringProperty("valueString", entry.hash());
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
    }

    private static final List<String> RECORD_DETAILS =
            List.of("category", "fieldNames", "agreementId", "agreementVersion", "consentId", "overrideId", "ground");

    private static void coding(JsonGenerator out, String system, String code, String display) {
        out.writeStartObject();
        out.writeStringProperty("system", system);
        out.writeStringProperty("code", code);
        out.writeStringProperty("display", display);
        out.writeEndObject();
    }

    private static void concept(JsonGenerator out, String system, String code, String display) {
        out.writeStartObject();
        out.writeArrayPropertyStart("coding");
        coding(out, system, code, display);
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void what(JsonGenerator out, String system, String value) {
        out.writeObjectPropertyStart("what");
        out.writeObjectPropertyStart("identifier");
        out.writeStringProperty("system", system);
        out.writeStringProperty("value", value);
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void agent(
            JsonGenerator out,
            String roleSystem,
            String roleCode,
            String roleDisplay,
            String whoSystem,
            String who,
            boolean requestor) {
        out.writeStartObject();
        out.writeName("type");
        concept(out, roleSystem, roleCode, roleDisplay);
        out.writeObjectPropertyStart("who");
        out.writeObjectPropertyStart("identifier");
        out.writeStringProperty("system", whoSystem);
        out.writeStringProperty("value", who);
        out.writeEndObject();
        out.writeEndObject();
        out.writeBooleanProperty("requestor", requestor);
        out.writeEndObject();
    }
}
