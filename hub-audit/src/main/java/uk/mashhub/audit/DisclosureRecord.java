package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the disclosure stream, as a consumer reads it: the chain link and the event
 * document (see docs/audit.md, "The disclosure stream").
 *
 * @param sequence the event's place in the chain
 * @param previousHash the hash of the event before it (hex)
 * @param hash the event's own hash (hex)
 * @param event the event document
 * @param canonicalEvent the RFC 8785 encoding of {@code event}: what the hash covers
 */
public record DisclosureRecord(
        long sequence, String previousHash, String hash, Map<String, Object> event, String canonicalEvent) {

    private static final TypeReference<Map<String, Object>> ENVELOPE = new TypeReference<>() {};

    /**
     * Reads a record value.
     *
     * @throws IllegalArgumentException when it is not a readable disclosure record
     */
    public static DisclosureRecord parse(byte[] value, JsonMapper json) {
        Map<String, Object> envelope;
        try {
            envelope = json.readValue(value, ENVELOPE);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (!(envelope.get("sequence") instanceof Number sequence)
                || !(envelope.get("previousHash") instanceof String previousHash)
                || !(envelope.get("hash") instanceof String hash)
                || !(envelope.get("event") instanceof Map<?, ?> document)) {
            throw new IllegalArgumentException("not a disclosure record");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) document;
        return new DisclosureRecord(
                sequence.longValue(),
                previousHash,
                hash,
                event,
                new String(CanonicalJson.encode(event), StandardCharsets.UTF_8));
    }

    /** The event's type, e.g. {@code RecordReleased}. */
    public String type() {
        return String.valueOf(event.get("type"));
    }

    /** The event's details (identifiers, codes, field names). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> details() {
        return event.get("details") instanceof Map<?, ?> details ? (Map<String, Object>) details : Map.of();
    }

    /** The record as the stream carries it (canonical JSON of the envelope), e.g. for an NDJSON export. */
    public static String envelope(long sequence, String previousHash, String hash, String canonicalEvent) {
        return "{\"event\":" + canonicalEvent + ",\"hash\":\"" + hash + "\",\"previousHash\":\"" + previousHash
                + "\",\"sequence\":" + sequence + "}";
    }
}
