package uk.mashhub.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the web pages sign people in: the OIDC client the hub is registered as at the identity
 * provider named by {@code hub.security.token.issuer} (authorization code with PKCE).
 *
 * @param clientId the client id registered for the hub's web pages
 * @param clientSecret its secret (the hub is a confidential client; PKCE is used as well)
 */
@ConfigurationProperties("hub.web")
record WebProperties(@DefaultValue("mash-hub-web") String clientId, String clientSecret) {

    WebProperties {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException(
                    "hub.web.client-secret must be set: the web pages sign people in as this OIDC client");
        }
    }
}
