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

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

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

    @Test
    void signingOutEndsTheSessionAtTheHubAndAtTheIdentityProvider() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/signed-out");
        assertThat(page.locator("h1").textContent()).isEqualTo("You have signed out");
        Browser.check(page, "signed-out");

        page.navigate(hub + "/referrals");
        assertThat(page.url()).isEqualTo(hub + "/sign-in");
        // signed out at the identity provider too: signing in asks for the password again
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.locator("input[name=password]").isVisible()).isTrue();
    }

    @Test
    void tellsSomeoneWhoseSessionEndedWhyTheyMustSignInAgain() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        // nothing of the page still loading (an icon, a script) while the session is aged
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        String session = page.context().cookies().stream()
                .filter(cookie -> cookie.name.equals("MASH_HUB_SESSION"))
                .findFirst()
                .orElseThrow()
                .value;
        idleTooLong(session);

        page.navigate(hub + "/referrals");
        assertThat(page.url()).isEqualTo(hub + "/sign-in?ended");
        assertThat(page.locator(".govuk-notification-banner").textContent())
                .contains("You were signed out because you had not used the hub for a while");
        Browser.check(page, "sign-in-session-ended");
    }

    @Test
    void endsSessionsAfterTheConfiguredIdleTime() {
        assertThat(tomcatContext().getSessionTimeout()).isEqualTo(20);
    }

    @Test
    void keepsTheSessionCookieAwayFromScriptsAndOtherSites() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        var cookie = page.context().cookies().stream()
                .filter(candidate -> candidate.name.equals("MASH_HUB_SESSION"))
                .findFirst()
                .orElseThrow();
        assertThat(cookie.httpOnly).isTrue();
        assertThat(cookie.secure).isTrue();
        assertThat(cookie.sameSite).isEqualTo(com.microsoft.playwright.options.SameSiteAttribute.LAX);
    }

    @Test
    void showsOnlyTheSectionsEachRoleMayOpen() {
        assertThat(sections("iris.governance")).containsExactly("Agreements");
        assertThat(sections("gwen.guardian")).containsExactly("Agreements", "Override reviews");
        assertThat(sections("alex.auditor")).containsExactly("Disclosure log");
    }

    private java.util.List<String> sections(String person) {
        Page page = Browser.signedIn(hub, person);
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Menu"))
                .getByRole(AriaRole.LINK)
                .allTextContents();
    }

    /**
     * The session goes idle past its timeout: its timeout is cut to one second and a little more
     * than that passes, so Tomcat finds it expired when the next request names it — the same check
     * as after 20 idle minutes.
     */
    private void idleTooLong(String sessionId) {
        try {
            var session = tomcatContext().getManager().findSession(sessionId);
            assertThat(session).as("the browser's session").isNotNull();
            session.setMaxInactiveInterval(1);
            Thread.sleep(1_500);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private org.apache.catalina.Context tomcatContext() {
        var server = (org.springframework.boot.tomcat.TomcatWebServer)
                ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer();
        return (org.apache.catalina.Context) server.getTomcat().getHost().findChildren()[0];
    }
}
