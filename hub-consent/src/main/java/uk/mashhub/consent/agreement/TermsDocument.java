package uk.mashhub.consent.agreement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Terms as the JSON document stored with each version, and its SHA-256 digest. The encoding is
 * canonical (properties sorted, sets already sorted by the terms), so the same terms always have
 * the same digest: a signature names the digest of the text it signed.
 */
@Component
class TermsDocument {

    private final JsonMapper json = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    String write(AgreementTerms terms) {
        return json.writeValueAsString(terms);
    }

    AgreementTerms read(String document) {
        return json.readValue(document, AgreementTerms.class);
    }

    String digest(AgreementTerms terms) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(write(terms).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
