package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class RememberedTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    /** Stands in for the signature check: counts how often it runs, answers a token that lives one minute. */
    private final JwtDecoder signatureCheck = token -> {
        verifications.incrementAndGet();
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("police-case-system")
                .issuedAt(NOW)
                .expiresAt(NOW.plusSeconds(60))
                .build();
    };

    private static JwtTimestampValidator lifetimeAt(Instant now) {
        var lifetime = new JwtTimestampValidator(Duration.ZERO);
        lifetime.setClock(Clock.fixed(now, ZoneOffset.UTC));
        return lifetime;
    }

    @Test
    void checksATokensSignatureOnceWhileItIsValid() {
        var tokens = new RememberedTokens(signatureCheck, lifetimeAt(NOW.plusSeconds(10)), 100);

        tokens.decode("token-a");
        tokens.decode("token-a");
        tokens.decode("token-a");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() {
        var lifetime = new JwtTimestampValidator(Duration.ZERO);
        var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW.plusSeconds(10));
        lifetime.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.get();
            }
        });
        var tokens = new RememberedTokens(signatureCheck, lifetime, 100);
        tokens.decode("token-a");

        clock.set(NOW.plusSeconds(61));

        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(JwtValidationException.class);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void forgetsEverythingRatherThanGrowPastItsBound() {
        var tokens = new RememberedTokens(signatureCheck, lifetimeAt(NOW.plusSeconds(10)), 2);

        tokens.decode("token-a");
        tokens.decode("token-b");
        tokens.decode("token-c");

        assertThat(tokens.remembered()).isEqualTo(1);
        tokens.decode("token-a");
        assertThat(verifications).hasValue(4);
    }
}
