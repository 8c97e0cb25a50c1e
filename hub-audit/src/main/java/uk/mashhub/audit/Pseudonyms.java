package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces person identifiers in audit events by keyed pseudonyms: {@code psn:} followed by the
 * unpadded base64url HMAC-SHA-256 of the identifier. The same person always gets the same
 * pseudonym, so auditors can follow one person through the stream (the hub computes a person's
 * pseudonym for a subject report), but nobody without the key can turn one back into an id.
 */
public final class Pseudonyms {

    static final String PREFIX = "psn:";

    private static final int RECENT = 10_000;

    private final Mac prototype;
    private final java.util.Map<String, String> recent = new java.util.concurrent.ConcurrentHashMap<>();

    Pseudonyms(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must be at least 32 bytes");
        }
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    static Pseudonyms fromBase64(String key) {
        try {
            return new Pseudonyms(Base64.getDecoder().decode(key.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub.audit.chain.pseudonym-key must be base64 of at least 32 bytes");
        }
    }

    /** The pseudonym of one identifier (a person or identity id), as audit events carry it. */
    public String of(String identifier) {
        if (identifier.startsWith(PREFIX)) {
            return identifier;
        }
        String known = recent.get(identifier);
        if (known != null) {
            return known; // a batch release names the same person once per record
        }
        if (recent.size() >= RECENT) {
            recent.clear();
        }
        String pseudonym = hmac(identifier);
        recent.put(identifier, pseudonym);
        return pseudonym;
    }

    private String hmac(String identifier) {
        try {
            Mac mac = (Mac) prototype.clone();
            return PREFIX
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 can be cloned", e);
        }
    }

    /** The event with every person identifier in its details pseudonymised. */
    AuditEvent apply(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        boolean changed = false;
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            if (namesPersons(entry.getKey())) {
                entry.setValue(pseudonymise(entry.getValue()));
                changed = true;
            }
        }
        return changed
                ? new AuditEvent(
                        event.id(), event.type(), event.actorAgency(), event.actor(), event.occurredAt(), details)
                : event;
    }

    /** Whether a details key names a person (or a list of persons), by the audit event convention. */
    static boolean namesPersons(String key) {
        return key.equals("personId")
                || key.equals("identityId")
                || key.equals("personIds")
                || key.equals("identityIds")
                || key.endsWith("PersonId")
                || key.endsWith("IdentityId")
                || key.endsWith("PersonIds")
                || key.endsWith("IdentityIds");
    }

    private Object pseudonymise(Object value) {
        if (value instanceof List<?> list) {
            List<Object> pseudonyms = new ArrayList<>(list.size());
            list.forEach(item -> pseudonyms.add(of(String.valueOf(item))));
            return pseudonyms;
        }
        return of(String.valueOf(value));
    }
}
