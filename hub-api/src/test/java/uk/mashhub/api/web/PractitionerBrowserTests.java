package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.api.release.ReleaseCase;

/**
 * A MASH practitioner's morning in the browser: the triage queue, a referral, rating it, gathering,
 * asking partners for records, an override, the outcome — and what they must not be able to do.
 */
@HubIntegrationTest
class PractitionerBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String hub;
    String referral;

    @BeforeEach
    void aPoliceReferralWithRecords() {
        hub = "http://localhost:" + port;
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
        var aCase = ReleaseCase.create(new Http(port), port, jdbc);
        referral = aCase.releases().replace("/api", "").replace("/releases", "");
    }

    @Test
    void ratesAReferralFromTheQueueAndShowsTheRationaleItAskedFor() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Triage queue").setExact(true))
                .first()
                .click();
        assertThat(page.title()).isEqualTo("Triage queue – MASH Hub");
        Browser.check(page, "practitioner-1-queue");

        page.navigate(hub + referral);
        assertThat(page.locator("h1").textContent()).isEqualTo("Amelia Hart");
        Browser.check(page, "practitioner-2-referral");

        page.getByLabel("Amber").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the rating"))
                .click();
        assertThat(page.title()).isEqualTo("Error: Referral – MASH Hub");
        assertThat(page.locator(".govuk-error-summary").textContent()).contains("Enter why you chose this rating");
        Browser.check(page, "practitioner-3-rating-error");

        page.getByLabel("Why this rating").fill("Child alone at night twice; police attended.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the rating"))
                .click();
        assertThat(page.locator(".govuk-notification-banner--success").textContent())
                .contains("RAG rating set to amber");
        assertThat(page.locator(".hub-timeline").textContent()).contains("Rated", "Child alone at night twice");
        Browser.check(page, "practitioner-4-rated");
    }
}
