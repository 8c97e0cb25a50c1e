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

    /** A stream record read as it is, for whoever must look inside one. */
    static final TypeReference<Map<String, Object>> ENVELOPE = new TypeReference<>() {};

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
        Raw raw = Raw.of(value, 0, value.length);
        // the hub writes records in canonical form: the event's bytes are then its canonical encoding
        // as they stand (the verifier re-encodes only if the hash does not match them)
        String canonical = raw != null && raw.sequence() == sequence.longValue()
                ? new String(value, raw.eventStart(), raw.eventEnd() - raw.eventStart(), StandardCharsets.UTF_8)
                : new String(CanonicalJson.encode(event), StandardCharsets.UTF_8);
        return new DisclosureRecord(sequence.longValue(), previousHash, hash, event, canonical);
    }

    /**
     * A record in the stream's canonical form, located without parsing it: {@code {"event":…,"hash":"…",
     * "previousHash":"…","sequence":N}} — where the event's bytes are.
     */
    public record Raw(long sequence, String previousHash, String hash, byte[] buffer, int eventStart, int eventEnd) {

        private static final byte[] HEAD = "{\"event\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SEQUENCE = "\",\"sequence\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PREVIOUS = "\",\"previousHash\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] HASH = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CHECKPOINT =
                "\"type\":\"ChainCheckpointSigned\"}".getBytes(StandardCharsets.US_ASCII);

        /** The parts of {@code buffer[from, to)}, or null when it is not in canonical form. */
        public static @org.jspecify.annotations.Nullable Raw of(byte[] buffer, int from, int to) {
            int end = to - 1;
            if (end - from < HEAD.length + 200 || buffer[end] != '}' || !at(buffer, from, HEAD)) {
                return null;
            }
            int digits = end;
            long sequence = 0;
            long scale = 1;
            while (digits > from && buffer[digits - 1] >= '0' && buffer[digits - 1] <= '9' && end - digits < 18) {
                digits--;
                sequence += (buffer[digits] - '0') * scale;
                scale *= 10;
            }
            int previousEnd = digits - SEQUENCE.length;
            int previousStart = previousEnd - 64;
            int hashEnd = previousStart - PREVIOUS.length;
            int hashStart = hashEnd - 64;
            int eventEnd = hashStart - HASH.length;
            if (digits == end
                    || eventEnd <= from + HEAD.length
                    || !at(buffer, previousEnd, SEQUENCE)
                    || !at(buffer, hashEnd, PREVIOUS)
                    || !at(buffer, eventEnd, HASH)) {
                return null;
            }
            return new Raw(
                    sequence,
                    new String(buffer, previousStart, 64, StandardCharsets.US_ASCII),
                    new String(buffer, hashStart, 64, StandardCharsets.US_ASCII),
                    buffer,
                    from + HEAD.length,
                    eventEnd);
        }

        /** Whether the event is a signed checkpoint (in canonical form {@code type} is its last key). */
        public boolean checkpoint() {
            return eventEnd - eventStart > CHECKPOINT.length && at(buffer, eventEnd - CHECKPOINT.length, CHECKPOINT);
        }

        private static boolean at(byte[] buffer, int offset, byte[] expected) {
            if (offset < 0 || offset + expected.length > buffer.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (buffer[offset + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }
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
