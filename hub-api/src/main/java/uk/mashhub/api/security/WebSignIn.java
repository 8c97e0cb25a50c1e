package uk.mashhub.api.security;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import uk.mashhub.kernel.HubScope;

/**
 * The web pages' own filter chain, in front of the API's: people sign in at the identity provider
 * (OIDC authorization code with PKCE), keep a server-side session with an idle timeout, post forms
 * with a CSRF token, and sign out at the identity provider too. Everything under {@code /api},
 * {@code /actuator} and the API description stays with the bearer-token chain.
 *
 * <p>Which pages a person may open follows the hub scopes in their access token, checked with the
 * hub's own token rules: the same scopes that would let them call the matching API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebSignIn {

    static final String REGISTRATION_ID = "mash-hub";

    private static final RequestMatcher NOT_PAGES = new OrRequestMatcher(
            path("/api/**"),
            path("/actuator/**"),
            path("/v3/api-docs/**"),
            path("/v3/api-docs"),
            path("/v3/api-docs.yaml"),
            path("/swagger-ui.html"),
            path("/swagger-ui/**"),
            path("/.well-known/**"),
            path("/error"));

    @Bean
    @Order(1)
    SecurityFilterChain pages(
            HttpSecurity http,
            ClientRegistrationRepository clients,
            OAuth2UserService<OidcUserRequest, OidcUser> people,
            TokenProperties token)
            throws Exception {
        var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var signOutAtProvider = new OidcClientInitiatedLogoutSuccessHandler(clients);
        signOutAtProvider.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        var savedRequests = new HttpSessionRequestCache();
        // back to the page asked for after signing in, at its own address (no "?continue")
        savedRequests.setMatchingRequestParameterName(null);
        http.securityMatcher(new NegatedRequestMatcher(NOT_PAGES))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/assets/**", "/webjars/**", "/hub/**", "/favicon.ico", "/sign-in", "/signed-out")
                        .permitAll()
                        // who may open which pages: docs/web.md lists the same table
                        .requestMatchers("/referrals", "/referrals/**", "/matches", "/matches/**")
                        .hasAuthority(HubScope.TRIAGE.authority())
                        .requestMatchers("/agreements", "/agreements/**")
                        .hasAnyAuthority(HubScope.GOVERN.authority(), HubScope.REVIEW.authority())
                        .requestMatchers("/overrides", "/overrides/**")
                        .hasAuthority(HubScope.REVIEW.authority())
                        .requestMatchers("/audit", "/audit/**")
                        .hasAuthority(HubScope.AUDIT.authority())
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage("/sign-in")
                        .failureUrl("/sign-in?failed")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people)))
                .logout(logout -> logout.logoutUrl("/sign-out")
                        .deleteCookies("MASH_HUB_SESSION")
                        .logoutSuccessHandler(signOutAtProvider))
                .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden"))
                // a request with a session that timed out is told why it must sign in again (needs the session filter)
                .sessionManagement(sessions ->
                        sessions.requireExplicitAuthenticationStrategy(false).invalidSessionUrl("/sign-in?ended"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                                        + "form-action 'self' " + origin(token.issuer())))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The identity provider's endpoints are discovered on first use, not at start-up, so that the
     * hub (and its API) starts while the identity provider is briefly unreachable.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(TokenProperties token, WebProperties web) {
        return new DiscoveredOnFirstUse(token.issuer(), web);
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> signedInPeople(JwtDecoder tokens) {
        var standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            try {
                var caller = HubCaller.of(tokens.decode(request.getAccessToken().getTokenValue()));
                return new SignedInPerson(caller, user.getIdToken(), user.getUserInfo());
            } catch (JwtException refused) {
                // the same rules as for API calls: issuer, audience, lifetime and an agency claim
                throw new OAuth2AuthenticationException(
                        new OAuth2Error("invalid_token", "The access token does not meet the hub's rules.", null));
            }
        };
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static final class DiscoveredOnFirstUse implements ClientRegistrationRepository {

        private final String issuer;
        private final WebProperties web;
        private volatile @Nullable ClientRegistration discovered;

        DiscoveredOnFirstUse(String issuer, WebProperties web) {
            this.issuer = issuer;
            this.web = web;
        }

        @Override
        public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION_ID.equals(registrationId)) {
                return null;
            }
            ClientRegistration registration = discovered;
            if (registration == null) {
                synchronized (this) {
                    registration = discovered;
                    if (registration == null) {
                        registration = discover();
                        discovered = registration;
                    }
                }
            }
            return registration;
        }

        private ClientRegistration discover() {
            Set<String> scopes = new LinkedHashSet<>(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE));
            // ask for every hub scope: the identity provider grants only those the person's role allows
            scopes.addAll(Arrays.stream(HubScope.values())
                    .filter(scope -> scope != HubScope.METRICS && scope != HubScope.CONTRIBUTE)
                    .map(HubScope::value)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            return ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(REGISTRATION_ID)
                    .clientId(web.clientId())
                    .clientSecret(web.clientSecret())
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(scopes)
                    .clientName("MASH Hub")
                    .build();
        }
    }
}
