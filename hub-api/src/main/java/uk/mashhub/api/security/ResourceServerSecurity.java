package uk.mashhub.api.security;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubScope;

/**
 * The hub is an OAuth2 resource server: every request but the health probes and the API
 * description needs a bearer JWT from the configured issuer, for this hub's audience, signed with
 * the one accepted algorithm, unexpired, and naming the caller's agency.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class ResourceServerSecurity {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, JwtDecoder tokens, ProblemAuthenticationAnswers answers, TokenProperties token)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers(
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/v3/api-docs.yaml",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAuthority(HubScope.METRICS.authority())
                        // who may do what: docs/api.md lists the same table
                        .requestMatchers(HttpMethod.POST, "/api/agencies")
                        .hasAuthority(HubScope.GOVERN.authority())
                        .requestMatchers(HttpMethod.PUT, "/api/agencies/*")
                        .hasAuthority(HubScope.GOVERN.authority())
                        .requestMatchers(HttpMethod.POST, "/api/agreements", "/api/agreements/**")
                        .hasAuthority(HubScope.GOVERN.authority())
                        .requestMatchers(HttpMethod.PUT, "/api/agreements/**")
                        .hasAuthority(HubScope.GOVERN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/agreements", "/api/agreements/**")
                        .hasAnyAuthority(authorities(
                                HubScope.GOVERN, HubScope.REVIEW, HubScope.AUDIT, HubScope.TRIAGE, HubScope.RELEASE))
                        .requestMatchers(
                                HttpMethod.POST, "/api/persons/*/consents", "/api/persons/*/consents/*/withdrawal")
                        .hasAnyAuthority(authorities(HubScope.GOVERN, HubScope.TRIAGE))
                        .requestMatchers(HttpMethod.GET, "/api/persons/*/consents")
                        .hasAnyAuthority(authorities(HubScope.GOVERN, HubScope.TRIAGE, HubScope.REVIEW))
                        .requestMatchers(HttpMethod.GET, "/api/audit/**")
                        .hasAuthority(HubScope.AUDIT.authority())
                        .requestMatchers(HttpMethod.POST, "/api/audit/subjects/*/withholdings")
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAuthority(HubScope.AUDIT.authority()),
                                AuthorityAuthorizationManager.hasAuthority(HubScope.REVIEW.authority())))
                        .requestMatchers(HttpMethod.DELETE, "/api/audit/subjects/*/withholdings/*")
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAuthority(HubScope.AUDIT.authority()),
                                AuthorityAuthorizationManager.hasAuthority(HubScope.REVIEW.authority())))
                        .requestMatchers(HttpMethod.POST, "/api/referrals/*/releases")
                        .hasAuthority(HubScope.RELEASE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/referrals/*/overrides")
                        .hasAuthority(HubScope.TRIAGE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/referrals")
                        .hasAuthority(HubScope.CONTRIBUTE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/referrals")
                        .hasAuthority(HubScope.TRIAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/referrals/*", "/api/referrals/*/timeline")
                        .hasAnyAuthority(authorities(HubScope.CONTRIBUTE, HubScope.TRIAGE))
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/referrals/*/rating",
                                "/api/referrals/*/gathering",
                                "/api/referrals/*/decision",
                                "/api/referrals/*/closure")
                        .hasAuthority(HubScope.TRIAGE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/records", "/api/records/bulk")
                        .hasAuthority(HubScope.CONTRIBUTE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/records/*")
                        .hasAuthority(HubScope.CONTRIBUTE.authority())
                        .requestMatchers("/api/person-matches", "/api/person-matches/**", "/api/person-identities/**")
                        .hasAuthority(HubScope.TRIAGE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/overrides/review-queue")
                        .hasAuthority(HubScope.REVIEW.authority())
                        .requestMatchers(HttpMethod.POST, "/api/overrides/*/review")
                        .hasAuthority(HubScope.REVIEW.authority())
                        .requestMatchers(HttpMethod.GET, "/api/overrides/*")
                        .hasAnyAuthority(authorities(HubScope.TRIAGE, HubScope.REVIEW))
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> jwt.decoder(tokens))
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource: where to get a token
                        .protectedResourceMetadata(
                                metadata -> metadata.protectedResourceMetadataCustomizer(described -> described
                                        .resourceName("MASH Hub")
                                        .authorizationServer(token.issuer())
                                        .tlsClientCertificateBoundAccessTokens(false)
                                        .scopes(scopes -> Arrays.stream(HubScope.values())
                                                .map(HubScope::value)
                                                .forEach(scopes::add))))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens are not sent by browsers on their own, so there is no CSRF to defend against here.
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    private static String[] authorities(HubScope... scopes) {
        return Arrays.stream(scopes).map(HubScope::authority).toArray(String[]::new);
    }

    /**
     * No tracing of each security filter, authentication and authorisation: measured at about a
     * tenth of a release's CPU on the request threads (an observation, and a long-task timer, per
     * filter per request), and nothing reads them. Requests are still observed as a whole
     * ({@code http_server_requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(TokenProperties token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(token.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.from(token.algorithm()))
                .build();
        decoder.setJwtValidator(validators(token));
        return token.rememberVerifiedFor().isZero()
                ? decoder
                : new VerifiedTokens(
                        decoder, token.rememberVerifiedFor(), token.rememberVerifiedTokens(), Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validators(TokenProperties token) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(token.clockSkew()),
                new JwtIssuerValidator(token.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, audience -> audience != null && audience.contains(token.audience())),
                new JwtClaimValidator<Object>(
                        HubCaller.AGENCY_CLAIM, agency -> agency instanceof String id && AgencyId.isValid(id))));
    }
}
