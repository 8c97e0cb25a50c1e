package uk.mashhub.audit.reader;

/** The formats an export can take. */
public enum ExportFormat {
    /** One line per event, RFC 4180, with a header row. */
    CSV("text/csv"),
    /**
     * One disclosure record per line, exactly as the stream carries it (canonical JSON), oldest
     * first: an export of everything verifies with {@code ./verify-chain --stream}.
     */
    NDJSON("application/x-ndjson"),
    /** One FHIR R4 AuditEvent resource per line (FHIR bulk data NDJSON), after IHE Basic Audit Log Patterns. */
    FHIR("application/fhir+ndjson");

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
