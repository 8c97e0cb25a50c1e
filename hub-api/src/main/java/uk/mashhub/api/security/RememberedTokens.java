package uk.mashhub.api.security;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens whose signature has been checked, so an agency system that sends the same
 * token with every call (for its 15 minutes) costs one RSA verification and one parse, not one
 * per call. Every call still runs every rule — issuer, audience, agency, and above all the
 * lifetime — against the remembered claims: a token is never accepted past its {@code exp}.
 * Bounded: when full, it forgets everything and starts again.
 */
final class RememberedTokens implements JwtDecoder {

    private final JwtDecoder checked;
    private final OAuth2TokenValidator<Jwt> rules;
    private final int capacity;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    RememberedTokens(JwtDecoder checked, OAuth2TokenValidator<Jwt> rules, int capacity) {
        this.checked = checked;
        this.rules = rules;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            var result = rules.validate(known);
            if (!result.hasErrors()) {
                return known;
            }
            verified.remove(token);
            throw new JwtValidationException("the token no longer meets the hub's rules", result.getErrors());
        }
        Jwt jwt = checked.decode(token);
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    int remembered() {
        return verified.size();
    }
}
