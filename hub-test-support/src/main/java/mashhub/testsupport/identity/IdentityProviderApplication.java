package mashhub.testsupport.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import uk.mashhub.kernel.HubScope;

/**
 * The local identity provider's application context: Spring Security's OAuth2 authorization
 * server, configured from {@link DemoPartnership}. Only the web, Jackson and security
 * auto-configurations are imported, so that nothing of the hub (datasource, Kafka, Liquibase)
 * starts in here.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
})
class IdentityProviderApplication {

    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    /**
     * One filter chain for the whole provider: the protocol endpoints, and a sign-in form for the
     * people who use the authorization code flow.
     */
    @Bean
    SecurityFilterChain identityProvider(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${local-identity-provider.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(
            PasswordEncoder encoder, @Value("${local-identity-provider.hub-base-url}") String hubBaseUrl) {
        var tokens = TokenSettings.builder()
                .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        for (var system : DemoPartnership.SYSTEMS) {
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(system.clientId())
                    .clientName(system.clientId())
                    .clientSecret(encoder.encode(system.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(values(system.scopes())))
                    .tokenSettings(tokens)
                    .build());
        }
        clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(DemoPartnership.WEB_CLIENT_ID)
                .clientName("MASH Hub web pages")
                .clientSecret(encoder.encode(DemoPartnership.WEB_CLIENT_SECRET))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(hubBaseUrl + "/login/oauth2/code/mash-hub")
                .postLogoutRedirectUri(hubBaseUrl + "/signed-out")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scopes(scopes -> scopes.addAll(values(Set.of(HubScope.values()))))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService people(PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(DemoPartnership.PEOPLE.stream()
                .map(person -> User.withUsername(person.username())
                        .password(encoder.encode(person.password()))
                        .roles("PERSON")
                        .build())
                .toList());
    }

    @Bean
    RSAKey signingKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return NimbusJwtDecoder.withJwkSource(jwkSource).build();
    }

    /**
     * Puts the hub's claims into every token: the audience, the caller's agency and, for people,
     * only the hub scopes their role allows whatever the client asked for.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> hubClaims() {
        return context -> {
            var claims = context.getClaims();
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                DemoPartnership.system(context.getRegisteredClient().getClientId())
                        .ifPresent(system -> claims.claim("agency", system.agency()));
                if (context.getAuthorizedScopes().isEmpty()) {
                    // a system that asks for no scope gets all it is registered for (RFC 6749 §3.3)
                    claims.claim("scope", context.getRegisteredClient().getScopes());
                }
            } else {
                DemoPartnership.person(context.getPrincipal().getName()).ifPresent(person -> {
                    claims.claim("agency", person.agency());
                    claims.claim("name", person.displayName());
                    if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                        Set<String> allowed = values(person.scopes());
                        claims.claim(
                                "scope",
                                context.getAuthorizedScopes().stream()
                                        .filter(scope -> !scope.startsWith("hub.") || allowed.contains(scope))
                                        .collect(Collectors.toSet()));
                    }
                });
            }
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                claims.audience(List.of(LocalIdentityProvider.AUDIENCE));
            }
        };
    }

    private static Set<String> values(Set<HubScope> scopes) {
        return scopes.stream().map(HubScope::value).collect(Collectors.toSet());
    }
}
