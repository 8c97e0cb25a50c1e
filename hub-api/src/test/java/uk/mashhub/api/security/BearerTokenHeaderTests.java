package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mashhub.testsupport.identity.Tokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import uk.mashhub.kernel.HubScope;

class BearerTokenHeaderTests {

    private final BearerTokenResolver header = new BearerTokenHeader();
    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Test
    void findsTheTokenOfABearerAuthorizationHeader() throws Exception {
        String token = Tokens.signed(
                new RSAKeyGenerator(2048).keyID("k").generate(),
                Tokens.claims("https://idp.example", "northshire-police", HubScope.RELEASE)
                        .build());

        assertThat(header.resolve(request("Bearer " + token))).isEqualTo(token);
        assertThat(header.resolve(request("bearer abc=="))).isEqualTo("abc==");
    }

    @Test
    void findsNoTokenWithoutABearerHeader() {
        assertThat(header.resolve(request(null))).isNull();
        assertThat(header.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
    }

    @Test
    void refusesAMalformedBearerHeader() {
        for (String malformed : List.of(
                "Bearer",
                "Bearer ",
                "Bearer  abc",
                "Bearer a b",
                "Bearer =abc",
                "Bearer a=b",
                "Bearer abc\n",
                "Bearerabc",
                "Bearer\tabc",
                "Bearer ab\u00e9c")) {
            assertThatThrownBy(() -> header.resolve(request(malformed)))
                    .as(malformed)
                    .isInstanceOf(OAuth2AuthenticationException.class)
                    .hasMessage("Bearer token is malformed");
        }
    }

    @Test
    void answersEveryHeaderAsSpringSecuritysDefaultResolverDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc", "BEARER abc", "bEaReR a.b-c_d~e+f/g==", "Bearer"));
        String alphabet = "Bb earERaz09-._~+/= \t\n\u00e9%";
        Random random = new Random(20261121L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(i % 3 == 0 ? "" : (i % 3 == 1 ? "Bearer " : "bearer"));
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(text.toString());
        }
        for (String value : headers) {
            assertThat(answer(header, value)).as(value).isEqualTo(answer(standard, value));
        }
    }

    private static String answer(BearerTokenResolver resolver, String authorization) {
        try {
            return "token " + resolver.resolve(request(authorization));
        } catch (OAuth2AuthenticationException refused) {
            return "refused " + refused.getError().getErrorCode() + " " + refused.getMessage();
        }
    }

    private static MockHttpServletRequest request(@Nullable String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/referrals/r/releases");
        request.setContentType("application/json");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
