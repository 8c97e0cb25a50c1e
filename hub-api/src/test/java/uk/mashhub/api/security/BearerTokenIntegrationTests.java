package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.LocalIdentityProvider;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class BearerTokenIntegrationTests {

    private static final String PROTECTED = "/api/agencies";

    @LocalServerPort
    int port;

    private Http http;
    private final LocalIdentityProvider idp = IdentityProviderInitializer.identityProvider();

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    private JWTClaimsSet.Builder validClaims() {
        return Tokens.claims(idp.issuer(), DemoPartnership.POLICE, HubScope.CONTRIBUTE, HubScope.RELEASE);
    }

    private void assertRefusedAsInvalid(String token) {
        var response = http.get(PROTECTED, token);
        assertProblem(response, 401, "invalid-token");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        header -> assertThat(header).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void acceptsATokenTheIdentityProviderIssuedOverHttp() {
        String token = Tokens.clientCredentials(idp, "police-case-system", "police-demo-secret");

        assertThat(http.get(PROTECTED, token).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsATokenSignedByTheIdentityProvidersKeyWithValidClaims() {
        // the control for every refusal below: the same claims and key, with one thing wrong each time
        assertThat(http.get(
                                PROTECTED,
                                Tokens.signed(idp.signingKey(), validClaims().build()))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutAToken() {
        var response = http.get(PROTECTED, null);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        header -> assertThat(header).startsWith("Bearer").doesNotContain("error="));
    }

    @Test
    void refusesAnExpiredToken() {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        var claims = validClaims()
                .issueTime(Date.from(anHourAgo))
                .notBeforeTime(Date.from(anHourAgo))
                .expirationTime(Date.from(anHourAgo.plusSeconds(300)))
                .build();

        var response = http.get(PROTECTED, Tokens.signed(idp.signingKey(), claims));

        assertThat(assertProblem(response, 401, "invalid-token").get("detail").asString())
                .contains("expired");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(),
                validClaims().issuer("https://impostor.example").build()));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(), validClaims().audience("another-service").build()));
    }

    @Test
    void refusesAnUnsignedToken() {
        assertRefusedAsInvalid(Tokens.unsigned(validClaims().build()));
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        assertRefusedAsInvalid(
                Tokens.signedByStranger(idp.signingKey(), validClaims().build()));
    }

    @Test
    void refusesATokenHmacSignedWithThePublicKey() {
        assertRefusedAsInvalid(
                Tokens.hmacWithPublicKey(idp.signingKey(), validClaims().build()));
    }

    @Test
    void refusesATokenThatNamesNoAgency() {
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(), validClaims().claim("agency", null).build()));
    }

    @Test
    void refusesATokenWhoseAgencyIsMalformed() {
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(), validClaims().claim("agency", "Police; DROP").build()));
    }

    @Test
    void refusesATokenWithoutAnExpiry() {
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(), validClaims().expirationTime(null).build()));
    }

    @Test
    void refusesATokenThatIsNotValidYet() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        assertRefusedAsInvalid(Tokens.signed(
                idp.signingKey(),
                validClaims()
                        .notBeforeTime(Date.from(inAnHour))
                        .expirationTime(Date.from(inAnHour.plusSeconds(300)))
                        .build()));
    }

    @Test
    void refusesSomethingThatIsNotAJwt() {
        assertRefusedAsInvalid("not-a-jwt");
    }

    @Test
    void refusesABearerHeaderThatIsNotATokenAtAll() {
        assertRefusedAsInvalid("not a jwt");
    }

    @Test
    void takesTheTokenFromTheAuthorizationHeaderOnly() {
        String token = Tokens.clientCredentials(idp, "police-case-system", "police-demo-secret");

        assertProblem(http.get(PROTECTED + "?access_token=" + token, null), 401, "unauthenticated");
    }

    @Test
    void deniesMetricsToATokenWithoutTheMetricsScope() {
        String token = Tokens.clientCredentials(idp, "police-case-system", "police-demo-secret");

        var response = http.get("/actuator/prometheus", token);

        assertProblem(response, 403, "forbidden");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(header -> assertThat(header).contains("insufficient_scope"));
    }

    @Test
    void servesMetricsToTheMonitoringClient() {
        String token = Tokens.clientCredentials(idp, "hub-monitoring", "monitoring-demo-secret");

        var response = http.get("/actuator/prometheus", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
        assertThat(response.body())
                .as("security filters, authentications and authorisations are not traced one by one")
                .doesNotContain("spring_security_filterchains", "spring_security_authentications");
    }

    @Test
    void leavesHealthProbesAndTheApiDescriptionOpen() {
        assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs", null).statusCode()).isEqualTo(200);
    }

    @Test
    void answersUnknownAddressesWith401NotWith404WhenNoTokenIsSent() {
        // without a token the hub says nothing about which addresses exist
        assertProblem(http.get("/api/no-such-thing", null), 401, "unauthenticated");
    }

    @Test
    void tellsClientsWhereToGetATokenWithoutNeedingOne() {
        var response = http.get("/.well-known/oauth-protected-resource", null);

        assertThat(response.statusCode()).isEqualTo(200);
        var metadata = Http.json(response);
        assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo(idp.issuer());
        assertThat(metadata.get("scopes_supported").toString()).contains("hub.release", "hub.audit");
    }

    @Test
    void aSystemThatAsksForNoScopeGetsTheScopesItIsRegisteredFor() throws Exception {
        var token = com.nimbusds.jwt.SignedJWT.parse(
                Tokens.clientCredentials(idp, "police-case-system", "police-demo-secret"));

        assertThat(token.getJWTClaimsSet().getStringListClaim("scope"))
                .containsExactlyInAnyOrder("hub.contribute", "hub.release");
        assertThat(token.getJWTClaimsSet().getStringClaim("agency")).isEqualTo(DemoPartnership.POLICE);
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);
    }
}
