package uk.mashhub.api.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;
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
        String scope = token.getClaimAsString("scope");
        Set<String> granted = scope == null ? Set.of() : Set.of(scope.split(" "));
        Set<HubScope> scopes = Arrays.stream(HubScope.values())
                .filter(candidate -> granted.contains(candidate.value()))
                .collect(Collectors.toUnmodifiableSet());
        return new HubCaller(new AgencyId(token.getClaimAsString(AGENCY_CLAIM)), token.getSubject(), scopes);
    }

    public boolean actsFor(AgencyId candidate) {
        return agency.equals(candidate);
    }
}
