package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class WebSignInBrowserTests {

    @LocalServerPort
    int port;

    String hub;

    @BeforeEach
    void allowThisHubAtTheIdentityProvider() {
        hub = "http://localhost:" + port;
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
    }

    @Test
    void sendsSomeoneWhoIsNotSignedInToTheSignInPage() {
        Page page = Browser.newPage();
        page.navigate(hub + "/referrals");
        assertThat(page.url()).isEqualTo(hub + "/sign-in");
        assertThat(page.title()).isEqualTo("Sign in – MASH Hub");
        Browser.check(page, "sign-in");
    }

    @Test
    void signsInAtTheIdentityProviderAndShowsOnlyTheSectionsOfTheRole() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        assertThat(page.url()).isEqualTo(hub + "/");
        var menu = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"));
        assertThat(menu.getByRole(AriaRole.LINK).allTextContents()).containsExactly("Triage queue", "Possible matches");
        assertThat(page.getByText("Signed in as").textContent()).contains("Pat Practitioner");
        Browser.check(page, "home-practitioner");
    }
}
