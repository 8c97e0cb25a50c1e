package uk.mashhub.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which bearer tokens the hub accepts.
 *
 * @param issuer the exact {@code iss} every token must carry
 * @param jwkSetUri where the issuer publishes its signing keys
 * @param audience the {@code aud} value every token must contain
 * @param algorithm the only JWS algorithm accepted (RS256 unless the identity provider signs otherwise)
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param rememberVerifiedFor how long a token, once verified, is accepted again without checking its
 *     signature and claims (never past its expiry); zero verifies every request afresh (ADR 0018)
 * @param rememberVerifiedTokens how many verified tokens are remembered at most
 */
@ConfigurationProperties("hub.security.token")
record TokenProperties(
        String issuer,
        String jwkSetUri,
        @DefaultValue("mash-hub") String audience,
        @DefaultValue("RS256") String algorithm,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("60s") Duration rememberVerifiedFor,
        @DefaultValue("10000") int rememberVerifiedTokens) {

    TokenProperties {
        if (rememberVerifiedFor.isNegative() || rememberVerifiedTokens < 1) {
            throw new IllegalArgumentException(
                    "hub.security.token.remember-verified-for must be zero or more and remember-verified-tokens at least 1");
        }
        if (issuer == null || issuer.isBlank() || jwkSetUri == null || jwkSetUri.isBlank()) {
            throw new IllegalArgumentException(
                    "hub.security.token.issuer and hub.security.token.jwk-set-uri must name the identity provider");
        }
    }
}
