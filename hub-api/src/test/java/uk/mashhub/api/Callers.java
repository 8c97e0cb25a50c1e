package uk.mashhub.api;

import mashhub.testsupport.Partnership;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.LocalIdentityProvider;
import mashhub.testsupport.identity.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.kernel.HubScope;

/**
 * Tokens for test callers, signed by the local identity provider's own key (so the hub trusts
 * them exactly as it trusts the provider's), and the partner agencies they act for.
 */
public final class Callers {

    public static final String POLICE = "northshire-police";
    public static final String CHILDRENS = "northshire-childrens-services";
    public static final String HEALTH = "northshire-health";
    public static final String EDUCATION = "northshire-education";
    public static final String HOUSING = "northshire-housing";

    private Callers() {}

    /** A token for someone at {@code agency} holding {@code scopes}. */
    public static String token(String agency, HubScope... scopes) {
        LocalIdentityProvider idp = IdentityProviderInitializer.identityProvider();
        return Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), agency, scopes)
                        .subject("tester@" + agency)
                        .build());
    }

    /** The partner agencies these callers act for, in the test database. */
    public static void registerPartnership(JdbcClient jdbc) {
        Partnership.register(jdbc);
    }
}
