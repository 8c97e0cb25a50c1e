package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import mashhub.testsupport.MutableClock;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import uk.mashhub.kernel.HubScope;

class VerifiedTokensTests {

    private final RSAKey key = generate();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = verifier();

    private JwtDecoder verifier() {
        NimbusJwtDecoder nimbus;
        try {
            nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        nimbus.setJwtValidator(timestamps);
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private String token(Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = Tokens.claims("https://idp.example", "northshire-police", HubScope.CONTRIBUTE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        return Tokens.signed(key, claims);
    }

    @Test
    void acceptsARememberedTokenWithoutVerifyingItAgain() {
        var tokens = new VerifiedTokens(verifier, Duration.ofSeconds(60), 100, clock);
        String token = token(Duration.ofMinutes(5));

        var first = tokens.decode(token);
        clock.advance(Duration.ofSeconds(30));
        var second = tokens.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() {
        var tokens = new VerifiedTokens(verifier, Duration.ofMinutes(10), 100, clock);
        String token = token(Duration.ofSeconds(20));
        tokens.decode(token);

        clock.advance(Duration.ofSeconds(21));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void verifiesAgainAfterTheRememberPeriodEvenWhileTheTokenIsValid() {
        var tokens = new VerifiedTokens(verifier, Duration.ofSeconds(60), 100, clock);
        String token = token(Duration.ofMinutes(5));
        tokens.decode(token);

        clock.advance(Duration.ofSeconds(61));
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void neverRemembersARefusedToken() {
        var tokens = new VerifiedTokens(verifier, Duration.ofSeconds(60), 100, clock);
        String forged = Tokens.signedByStranger(
                key,
                Tokens.claims("https://idp.example", "northshire-police", HubScope.CONTRIBUTE)
                        .build());

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void remembersNoMoreTokensThanItsCapacity() {
        var tokens = new VerifiedTokens(verifier, Duration.ofSeconds(60), 2, clock);

        for (int i = 0; i < 5; i++) {
            tokens.decode(token(Duration.ofMinutes(5).plusSeconds(i)));
            assertThat(tokens.remembered()).isLessThanOrEqualTo(2);
        }
        assertThat(verifications).hasValue(5);
    }

    @Test
    void verifiesEveryTimeWhenToldToRememberNothing() {
        var tokens = new VerifiedTokens(verifier, Duration.ZERO, 100, clock);
        String token = token(Duration.ofMinutes(5));

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.remembered()).isZero();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
