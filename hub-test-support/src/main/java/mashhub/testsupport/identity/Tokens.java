package mashhub.testsupport.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.HubScope;

/**
 * Real tokens for tests: fetched from the local identity provider over HTTP, or minted with chosen
 * claims and keys to prove what the hub refuses.
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Tokens() {}

    /**
     * An access token from the identity provider's token endpoint (client credentials grant), as an
     * agency system gets one: asking for no particular scope, or for {@code scopes} only.
     */
    public static String clientCredentials(
            LocalIdentityProvider idp, String clientId, String secret, HubScope... scopes) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials";
        if (scopes.length > 0) {
            String scope = Arrays.stream(scopes).map(HubScope::value).collect(Collectors.joining(" "));
            form += "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        }
        var request = HttpRequest.newBuilder(URI.create(idp.tokenUri()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Claims a valid hub token would carry, for a system of {@code agency} holding {@code scopes}. */
    public static JWTClaimsSet.Builder claims(String issuer, String agency, HubScope... scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("test-client")
                .audience(LocalIdentityProvider.AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("agency", agency)
                .claim("scope", Arrays.stream(scopes).map(HubScope::value).collect(Collectors.joining(" ")));
    }

    /** The claims signed RS256 with {@code key}. */
    public static String signed(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims signed by a freshly generated key that nobody trusts (same key id as {@code lookalike}). */
    public static String signedByStranger(RSAKey lookalike, JWTClaimsSet claims) {
        try {
            return signed(new RSAKeyGenerator(2048).keyID(lookalike.getKeyID()).generate(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims as an unsigned JWT ({@code "alg": "none"}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** The claims HMAC-signed with the trusted key's public modulus as the secret (an algorithm-confusion forgery). */
    public static String hmacWithPublicKey(RSAKey trusted, JWTClaimsSet claims) {
        try {
            byte[] secret = trusted.toPublicJWK().toRSAPublicKey().getEncoded();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(trusted.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
