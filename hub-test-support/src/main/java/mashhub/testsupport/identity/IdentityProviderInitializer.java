package mashhub.testsupport.identity;

import java.util.Map;
import mashhub.testsupport.TestProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the local identity provider once per test JVM and points a test hub at it: the issuer and
 * key set the hub trusts are the provider's.
 */
public class IdentityProviderInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static @Nullable LocalIdentityProvider shared;

    /** The identity provider shared by every test in this JVM. */
    public static synchronized LocalIdentityProvider identityProvider() {
        if (shared == null) {
            var started = LocalIdentityProvider.start(0, "http://localhost:8080");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-identity-provider-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var idp = identityProvider();
        TestProperties.addBelowInlinedTestProperties(
                context,
                new MapPropertySource(
                        "hub-test-identity-provider",
                        Map.of(
                                "hub.security.token.issuer", idp.issuer(),
                                "hub.security.token.jwk-set-uri", idp.jwkSetUri(),
                                "hub.web.client-secret", DemoPartnership.WEB_CLIENT_SECRET)));
    }
}
