package mashhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import mashhub.testsupport.Http;
import mashhub.testsupport.InfrastructureInitializer;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import uk.mashhub.HubApplication;
import uk.mashhub.kernel.HubScope;

/** The local run's demo data, and so the worked example of docs/agreements.md, load through the API. */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {InfrastructureInitializer.class, IdentityProviderInitializer.class})
class DemoDataIntegrationTests {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void loadsThePartnershipAndPutsTheExampleAgreementInForceOnce() {
        var idp = IdentityProviderInitializer.identityProvider();
        var demo = new DemoData("http://localhost:" + port, idp);

        String version = demo.load();
        String again = demo.load();

        assertThat(again).isEqualTo(version);
        String token = Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), DemoPartnership.EDUCATION, HubScope.GOVERN)
                        .build());
        JsonNode agreement = Http.json(new Http(port).get(version, token));
        assertThat(agreement.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(agreement.get("signatures").size()).isEqualTo(4);
        assertThat(agreement.get("purposes").size()).isEqualTo(3);
        assertThat(new Http(port).get("/api/agencies", token).body())
                .contains(
                        DemoPartnership.POLICE,
                        DemoPartnership.CHILDRENS_SOCIAL_CARE,
                        DemoPartnership.HEALTH,
                        DemoPartnership.EDUCATION);
    }

    @Test
    void loadsACaseloadForThePagesOnlyOnce() {
        var idp = IdentityProviderInitializer.identityProvider();
        var demo = new DemoData("http://localhost:" + port, idp);
        demo.load();
        String mash = Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), DemoPartnership.CHILDRENS_SOCIAL_CARE, HubScope.TRIAGE, HubScope.REVIEW)
                        .build());
        String guardian = Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), DemoPartnership.HEALTH, HubScope.REVIEW)
                        .build());

        demo.loadCaseload();
        demo.loadCaseload();

        var http = new Http(port);
        JsonNode queue = Http.json(http.get("/api/referrals?limit=200", mash));
        long demoReferrals = 0;
        for (JsonNode referral : queue.get("referrals")) {
            if (referral.get("narrative").asString().startsWith("Officers attended a domestic incident at 23:40")) {
                demoReferrals++;
                assertThat(referral.get("rag").asString()).isEqualTo("RED");
                assertThat(referral.at("/crossAgencySignal/raised").asBoolean())
                        .as("%s", referral.get("crossAgencySignal"))
                        .isTrue();
            }
        }
        assertThat(demoReferrals).isEqualTo(1);
        // the test database holds other tests' suggestions too, more than a page of the queue: ask it directly
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM ingest.match_review r JOIN ingest.person_identity i ON i.id = r.identity_id
                         WHERE r.status = 'PENDING' AND i.family_name = 'Whitfield'""").query(Long.class).single()).isEqualTo(1);
        assertThat(http.get("/api/overrides/review-queue", guardian).body()).contains("BREAK_GLASS");
    }
}
