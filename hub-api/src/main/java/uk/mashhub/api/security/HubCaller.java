package uk.mashhub.api.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubScope;

/**
 * Who is calling: the agency they act for, their subject (a client id or a person's user name)
 * and the hub scopes their token carries. Controllers take it as a parameter.
 */
public record HubCaller(AgencyId agency, String subject, Set<HubScope> scopes) {

    /** The name of the token claim that carries the caller's agency. */
    public static final String AGENCY_CLAIM = "agency";

    static HubCaller of(Jwt token) {
        Set<String> granted = granted(token.getClaim("scope"));
        Set<HubScope> scopes = Arrays.stream(HubScope.values())
                .filter(candidate -> granted.contains(candidate.value()))
                .collect(Collectors.toUnmodifiableSet());
        return new HubCaller(new AgencyId(token.getClaimAsString(AGENCY_CLAIM)), token.getSubject(), scopes);
    }

    /** RFC 9068 says a space-delimited string; Spring's authorization server writes an array. Both count. */
    private static Set<String> granted(@Nullable Object scope) {
        return switch (scope) {
            case null -> Set.of();
            case String delimited -> Set.of(delimited.trim().split("\\s+"));
            case Collection<?> listed -> listed.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
            default -> Set.of();
        };
    }

    /** The caller as the modules know actors: their agency and their subject. */
    public Actor actor() {
        return new Actor(agency, subject);
    }

    public boolean actsFor(AgencyId candidate) {
        return agency.equals(candidate);
    }
}
