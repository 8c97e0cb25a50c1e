package uk.mashhub.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the bearer tokens it has verified, so that an agency system sending the same token with
 * every request (as client-credentials clients do, for the token's lifetime) pays for the signature
 * check and the claim validation once, not on every call — they were about a tenth of a request's
 * CPU (docs/benchmarks.md). ADR 0018.
 *
 * <p>A token is remembered only after {@code verifier} accepted it, keyed by its exact text, and
 * only until the earlier of its expiry and {@code rememberFor} after it was verified; after that it
 * is verified again from scratch (and refused if it has expired). A refused token is never
 * remembered. At most {@code capacity} tokens are held; when full, the ones past their time are
 * dropped, and if none are, all are.
 */
final class VerifiedTokens implements JwtDecoder {

    private record Verified(Jwt jwt, Instant until) {}

    private final JwtDecoder verifier;
    private final Duration rememberFor;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Duration rememberFor, int capacity, Clock clock) {
        if (rememberFor.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("remember verified tokens for zero or more time, at least one of them");
        }
        this.verifier = verifier;
        this.rememberFor = rememberFor;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.jwt();
            }
            verified.remove(token, known); // its time is up: verified again from scratch below
        }
        Jwt jwt = verifier.decode(token); // throws for anything it does not accept
        Instant until = now.plus(rememberFor);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (now.isBefore(until)) {
            if (verified.size() >= capacity) {
                verified.values().removeIf(old -> !now.isBefore(old.until()));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    /** How many tokens are remembered now. */
    int remembered() {
        return verified.size();
    }
}
