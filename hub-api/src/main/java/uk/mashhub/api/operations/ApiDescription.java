package uk.mashhub.api.operations;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.mashhub.kernel.HubScope;

/** The OpenAPI 3.1 description of the hub, with its OAuth2 security scheme. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String SCHEME = "hub-oauth2";

    @Bean
    OpenAPI hubApi(@Value("${hub.security.token.issuer}") String issuer) {
        var scopes = new Scopes();
        for (HubScope scope : HubScope.values()) {
            scopes.addString(scope.value(), scope.name().toLowerCase(java.util.Locale.ROOT));
        }
        var clientCredentials =
                new OAuthFlow().tokenUrl(issuer + "/oauth2/token").scopes(scopes);
        return new OpenAPI()
                .info(new Info().title("MASH Hub API").version("0.1").description("""
                                Multi-agency information sharing hub. Every call needs a bearer token \
                                (JWT) from the hub's identity provider, carrying the caller's agency \
                                in the `agency` claim. Errors are RFC 9457 problem details \
                                (`application/problem+json`) with a stable `type`."""))
                .components(new Components()
                        .addSecuritySchemes(
                                SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description(
                                                "Agency systems use the client credentials grant; people sign in with authorization code + PKCE.")
                                        .flows(new OAuthFlows().clientCredentials(clientCredentials))))
                .addSecurityItem(new SecurityRequirement().addList(SCHEME));
    }
}
