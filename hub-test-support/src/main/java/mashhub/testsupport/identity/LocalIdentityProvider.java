package mashhub.testsupport.identity;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Starts and stops the local identity provider: its own Spring application context with its own
 * web server, separate from the hub's, exactly as a real identity provider would be.
 */
public final class LocalIdentityProvider implements AutoCloseable {

    /** The audience every access token is issued for; the hub accepts no other. */
    public static final String AUDIENCE = "mash-hub";

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private LocalIdentityProvider(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    /**
     * Starts the identity provider.
     *
     * @param port the port to listen on; 0 picks a free one
     * @param hubBaseUrl where the hub's web pages run, for the web client's redirect URI
     */
    public static LocalIdentityProvider start(int port, String hubBaseUrl) {
        int chosen = port > 0 ? port : freePort();
        String issuer = "http://localhost:" + chosen;
        var context = new SpringApplicationBuilder(IdentityProviderApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        // a name of its own, so that it never reads the hub's application.yml
                        "spring.config.name", "mash-hub-local-identity-provider",
                        "spring.main.banner-mode", "off",
                        // the hub's log lines follow in the same console: let them carry the hub's name
                        "logging.include-application-name", "false",
                        "spring.main.register-shutdown-hook", "false",
                        "spring.application.name", "mash-hub-local-identity-provider",
                        "server.port", String.valueOf(chosen),
                        "server.address", "127.0.0.1",
                        "local-identity-provider.issuer", issuer,
                        "local-identity-provider.hub-base-url", hubBaseUrl))
                .run();
        return new LocalIdentityProvider(context, issuer);
    }

    public String issuer() {
        return issuer;
    }

    public String tokenUri() {
        return issuer + "/oauth2/token";
    }

    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /** The key the provider signs with, so tests can mint tokens the hub trusts with chosen claims. */
    public RSAKey signingKey() {
        return context.getBean(RSAKey.class);
    }

    /**
     * Lets the hub's web pages at {@code hubBaseUrl} sign people in and out here too (tests run the
     * hub on a port chosen at start-up, after the provider started).
     */
    public void allowWebPagesAt(String hubBaseUrl) {
        var clients = context.getBean(RegisteredClientRepository.class);
        var web = clients.findByClientId(DemoPartnership.WEB_CLIENT_ID);
        if (web == null) {
            throw new IllegalStateException("the web client is not registered");
        }
        clients.save(RegisteredClient.from(web)
                .redirectUri(hubBaseUrl + "/login/oauth2/code/mash-hub")
                .postLogoutRedirectUri(hubBaseUrl + "/signed-out")
                .build());
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
