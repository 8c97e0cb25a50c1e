package uk.mashhub.api.security;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import uk.mashhub.kernel.HubScope;

/**
 * A person signed in to the web pages: who the identity provider says they are, and the hub
 * caller their access token makes them — the same agency and scopes an API call with that token
 * would have, so a page can never do more than the API would let the same person do.
 */
public final class SignedInPerson extends DefaultOidcUser {

    private final HubCaller caller;

    SignedInPerson(HubCaller caller, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(authorities(caller.scopes()), idToken, userInfo, "sub");
        this.caller = caller;
    }

    private static Collection<GrantedAuthority> authorities(Set<HubScope> scopes) {
        return scopes.stream()
                .map(scope -> (GrantedAuthority) new SimpleGrantedAuthority(scope.authority()))
                .collect(Collectors.toUnmodifiableSet());
    }

    public HubCaller caller() {
        return caller;
    }

    /** The name to greet them by: the identity provider's display name, else their user name. */
    public String displayName() {
        String name = getFullName();
        return name == null || name.isBlank() ? caller.subject() : name;
    }
}
