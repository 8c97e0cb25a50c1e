package mashhub.testsupport.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The local identity provider over real HTTP: the grants the hub's callers use, and its claims. */
class LocalIdentityProviderTests {

    private static final String HUB = "http://localhost:8080";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static LocalIdentityProvider idp;

    @BeforeAll
    static void start() {
        idp = LocalIdentityProvider.start(0, HUB);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void issuesASystemATokenForTheHubNamingItsAgency() throws Exception {
        var claims = claims(Tokens.clientCredentials(idp, "health-case-system", "health-demo-secret"));

        assertThat(claims.getIssuer()).isEqualTo(idp.issuer());
        assertThat(claims.getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);
        assertThat(claims.getStringClaim("agency")).isEqualTo(DemoPartnership.HEALTH);
        assertThat(claims.getExpirationTime()).isInTheFuture();
    }

    @Test
    void refusesASystemWithTheWrongSecret() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(idp.tokenUri()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Authorization", "Basic " + base64("health-case-system:wrong"))
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void givesAPersonOnlyTheHubScopesOfTheirRoleWhateverTheClientAsks() throws Exception {
        String token = signInWithAuthorizationCode("alex.auditor", "openid hub.audit hub.release hub.govern");

        var claims = claims(token);
        assertThat(claims.getStringListClaim("scope"))
                .contains("hub.audit")
                .doesNotContain("hub.release", "hub.govern");
        assertThat(claims.getStringClaim("agency")).isEqualTo(DemoPartnership.CHILDRENS_SOCIAL_CARE);
        assertThat(claims.getStringClaim("name")).isEqualTo("Alex Auditor");
        assertThat(claims.getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);
    }

    /** The browser's part of authorization code + PKCE, played with an HTTP client and a cookie jar. */
    private static String signInWithAuthorizationCode(String username, String scope) throws Exception {
        var browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = HUB + "/login/oauth2/code/mash-hub";
        String authorize =
                idp.issuer() + "/oauth2/authorize?response_type=code&client_id=" + DemoPartnership.WEB_CLIENT_ID
                        + "&redirect_uri=" + encode(redirect) + "&scope=" + encode(scope) + "&state=s1"
                        + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        var toLogin = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        var loginPage = browser.send(get(idp.issuer() + "/login"), HttpResponse.BodyHandlers.ofString());
        var csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
        var signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(idp.issuer() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                                + DemoPartnership.DEMO_PASSWORD + "&_csrf=" + encode(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        var back = browser.send(
                get(signedIn.headers().firstValue("Location").orElseThrow()), HttpResponse.BodyHandlers.ofString());
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        var tokens = browser.send(
                HttpRequest.newBuilder(URI.create(idp.tokenUri()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + base64(DemoPartnership.WEB_CLIENT_ID + ":web-demo-secret"))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                                + "&redirect_uri=" + encode(redirect) + "&code_verifier=" + verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(tokens.body())
                .get("access_token")
                .asString();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html")
                .GET()
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
