package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

/**
 * The information governance pages: iris.governance (children's services, {@code hub.govern})
 * signs and runs the lifecycle of an agreement; gwen.guardian (health, {@code hub.review}) reviews
 * the overrides over health's data. Agreements and overrides are seeded through the API with
 * signed tokens, as agency systems and practitioners would; the database is shared with other
 * test classes, so each test finds its own rows.
 */
@HubIntegrationTest
class GovernanceBrowserTests {

    private static final String CHILDRENS_NAME = "Northshire Children's Services";

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private String hub;
    private Http http;

    GovernanceBrowserTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void allowThisHubAtTheIdentityProvider() {
        hub = "http://localhost:" + port;
        http = new Http(port);
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
        Callers.registerPartnership(jdbc);
    }

    @Test
    void aGovernanceOfficerSignsActivatesAndSuspendsAnAgreement() {
        String title =
                "Governance pages test ISA " + UUID.randomUUID().toString().substring(0, 8);
        String version = drafted(title, List.of(POLICE, CHILDRENS, HEALTH, EDUCATION));
        for (String party : List.of(POLICE, HEALTH, EDUCATION)) {
            signedByApi(version, party);
        }
        Page page = Browser.signedIn(hub, "iris.governance");

        page.navigate(hub + "/agreements");
        assertThat(page.title()).isEqualTo("Information sharing agreements – MASH Hub");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(title));
        assertThat(row.locator(".govuk-tag").textContent()).isEqualTo("Draft");
        assertThat(row.textContent()).contains("Awaiting signature from " + CHILDRENS_NAME);
        Browser.check(page, "governance-agreements");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title))
                .click();
        // the page arrives in parts: what is counted before it has loaded would be part of it
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/agreements/" + version.split("/")[3] + "/versions/1");
        // the parties table comes first; the flows table names the agency too
        Locator childrens = page.locator("tr", new Page.LocatorOptions().setHasText(CHILDRENS_NAME))
                .first();
        assertThat(childrens.textContent()).contains("Awaiting signature");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("Northshire Police"))
                        .first()
                        .textContent())
                .contains("Officer of northshire-police");
        assertThat(page.getByText("Police incidents").count()).isPositive();
        assertThat(page.getByText("UK GDPR Article 6(1)(e): public task").count())
                .isPositive();
        Browser.check(page, "governance-agreement-draft");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign for " + CHILDRENS_NAME))
                .click();
        page.waitForLoadState();
        Browser.check(page, "governance-agreement-sign");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign agreement"))
                .click();
        page.waitForLoadState();
        assertThat(page.title()).startsWith("Error: ");
        assertThat(page.locator(".govuk-error-summary").textContent())
                .contains("Enter the name of the person signing")
                .contains("Enter the role they sign in");
        Browser.check(page, "governance-agreement-sign-errors");

        page.getByLabel("Name of the person signing").fill("Ben Okafor");
        page.getByLabel("Role they sign in").fill("Director of Children's Services");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign agreement"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-notification-banner").textContent())
                .contains("You signed version 1 for " + CHILDRENS_NAME);
        assertThat(childrens.textContent()).contains("Ben Okafor").contains("Director of Children's Services");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Put this version in force"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-notification-banner").textContent()).contains("Version 1 is now in force");
        assertThat(page.locator(".govuk-summary-list .govuk-tag").first().textContent())
                .isEqualTo("Active");
        Browser.check(page, "governance-agreement-active");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend"))
                .click();
        page.waitForLoadState();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend agreement"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-error-summary").textContent())
                .contains("Enter why you are suspending the agreement");
        Browser.check(page, "governance-agreement-suspend-errors");
        page.getByLabel("Why?").fill("A flow is being reviewed after a complaint.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend agreement"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-notification-banner").textContent()).contains("is suspended");
        assertThat(page.locator(".govuk-summary-list .govuk-tag").first().textContent())
                .isEqualTo("Suspended");
        assertThat(page.getByText("Reason: A flow is being reviewed after a complaint.")
                        .count())
                .isOne();
        Browser.check(page, "governance-agreement-suspended");
    }

    @Test
    void anAgreementOfOtherAgenciesIsNeitherListedNorShown() {
        String title = "Police and schools ISA " + UUID.randomUUID().toString().substring(0, 8);
        String version = drafted(title, List.of(POLICE, EDUCATION));
        Page page = Browser.signedIn(hub, "iris.governance");

        page.navigate(hub + "/agreements");
        assertThat(page.content()).doesNotContain(title);

        var response = page.navigate(hub + version.replace("/api", ""));
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.title()).isEqualTo("Page not found – MASH Hub");
        assertThat(page.content()).doesNotContain(title);
        Browser.check(page, "governance-agreement-not-found");
    }

    @Test
    void aCaldicottGuardianReviewsAnOverrideWithARationale() {
        String breakGlass = recorded("BREAK_GLASS", HEALTH);
        Page page = Browser.signedIn(hub, "gwen.guardian");

        page.navigate(hub + "/overrides");
        assertThat(page.title()).isEqualTo("Overrides waiting for review – MASH Hub");
        Locator row = page.locator("tr[data-override='" + breakGlass + "']");
        assertThat(row.textContent())
                .contains("Break-glass")
                .contains("tester@" + CHILDRENS)
                .contains(CHILDRENS_NAME);
        Browser.check(page, "governance-overrides");

        row.getByRole(AriaRole.LINK).click();
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/overrides/" + breakGlass);
        assertThat(page.getByText("Risk of significant harm; asking the parents would increase it.")
                        .count())
                .isOne();
        Browser.check(page, "governance-override");

        page.getByLabel("Approve", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record review"))
                .click();
        page.waitForLoadState();
        assertThat(page.title()).startsWith("Error: ");
        assertThat(page.locator(".govuk-error-summary").textContent())
                .contains("Enter the rationale for your decision");
        assertThat(page.getByLabel("Approve", new Page.GetByLabelOptions().setExact(true))
                        .isChecked())
                .isTrue();
        Browser.check(page, "governance-override-errors");

        page.getByLabel("Rationale").fill("Proportionate in the emergency; the GP practice was needed at once.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record review"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/overrides");
        assertThat(page.locator(".govuk-notification-banner").textContent())
                .contains("Break-glass approved")
                .contains("left the queue");
        assertThat(page.locator("tr[data-override='" + breakGlass + "']").count())
                .isZero();
        Browser.check(page, "governance-overrides-reviewed");

        var reviewed = Http.json(http.get("/api/overrides/" + breakGlass, token(HEALTH, HubScope.REVIEW)));
        assertThat(reviewed.get("review").asString()).isEqualTo("APPROVED");
    }

    @Test
    void showsTheReviewQueueBreakGlassFirstThenOldestFirst() {
        String older = recorded("OVERRIDE", HEALTH);
        String newer = recorded("OVERRIDE", HEALTH);
        String breakGlass = recorded("BREAK_GLASS", HEALTH);
        Page page = Browser.signedIn(hub, "gwen.guardian");

        page.navigate(hub + "/overrides");

        List<String> queue = page.locator("tr[data-override]").all().stream()
                .map(row -> row.getAttribute("data-override"))
                .toList();
        assertThat(queue).containsSubsequence(breakGlass, older, newer);
    }

    @Test
    void anotherAgencysOverrideIsNeitherQueuedNorShown() {
        String policeData = recorded("OVERRIDE", POLICE);
        Page page = Browser.signedIn(hub, "gwen.guardian");

        page.navigate(hub + "/overrides");
        assertThat(page.locator("tr[data-override='" + policeData + "']").count())
                .isZero();

        var response = page.navigate(hub + "/overrides/" + policeData);
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.title()).isEqualTo("Page not found – MASH Hub");
        Browser.check(page, "governance-override-not-found");
    }

    @Test
    void sendsSomeoneWhoIsNotSignedInToTheSignInPage() {
        Page page = Browser.newPage();

        for (String path : List.of("/agreements", "/overrides")) {
            page.navigate(hub + path);
            assertThat(page.url()).as(path).isEqualTo(hub + "/sign-in");
        }
    }

    @Test
    void refusesThePagesToRolesWithoutTheirScope() {
        assertRefused("pat.practitioner", "/agreements", "/overrides");
        assertRefused("alex.auditor", "/agreements", "/overrides");
        assertRefused("iris.governance", "/overrides");
    }

    @Test
    void refusesFormsPostedWithoutTheirCsrfToken() {
        String override = recorded("OVERRIDE", HEALTH);
        String version =
                drafted("CSRF test ISA " + UUID.randomUUID().toString().substring(0, 8), List.of(CHILDRENS, HEALTH));
        Page guardian = Browser.signedIn(hub, "gwen.guardian");
        Page governance = Browser.signedIn(hub, "iris.governance");

        var review = guardian.request()
                .post(
                        hub + "/overrides/" + override + "/review",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("outcome", "REJECTED")
                                        .set("note", "Forged")));
        var signature = governance
                .request()
                .post(
                        hub + version.replace("/api", "") + "/signatures",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("signatoryName", "Forged")
                                        .set("signatoryRole", "Forged")));

        assertThat(review.status()).isEqualTo(403);
        assertThat(signature.status()).isEqualTo(403);
        var stillPending = Http.json(http.get("/api/overrides/" + override, token(HEALTH, HubScope.REVIEW)));
        assertThat(stillPending.get("review").asString()).isEqualTo("PENDING");
        var unsigned = Http.json(http.get(version, token(CHILDRENS, HubScope.GOVERN)));
        assertThat(unsigned.get("signatures").size()).isZero();
    }

    private void assertRefused(String username, String... paths) {
        Page page = Browser.signedIn(hub, username);
        for (String path : paths) {
            var response = page.navigate(hub + path);
            assertThat(response.status()).as(username + " " + path).isEqualTo(403);
            assertThat(page.title()).isEqualTo("You cannot open this page – MASH Hub");
        }
        Browser.check(page, "governance-forbidden-" + username.replace('.', '-'));
    }

    private String drafted(String title, List<String> parties) {
        return DraftAgreements.drafted(http, title, parties);
    }

    private void signedByApi(String version, String party) {
        var response = http.send(
                "POST", version + "/signatures", token(party, HubScope.GOVERN), "application/json", """
                {"signatoryName": "Officer of %s", "signatoryRole": "Director"}""".formatted(
                                party));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** A children's services practitioner records an override over {@code provider}'s data; answers its id. */
    private String recorded(String kind, String provider) {
        // a real referral about a real child: the hub refuses an override for anyone a referral is not about
        var aCase = uk.mashhub.api.release.ReleaseCase.create(http, port, jdbc);
        String body = """
                {"kind": "%s", "personId": "%s",
                 "justification": "Risk of significant harm; asking the parents would increase it.",
                 "gateway": "Children Act 1989 s47", "provider": "%s", "categories": ["HEALTH_SUMMARY"],
                 "purpose": "EARLY_HELP", "fields": ["gpPractice"], "expiresAt": "%s"}""".formatted(
                kind, aCase.childsPersonId(http), provider, Instant.now().plus(Duration.ofHours(12)));
        var response = http.send(
                "POST",
                aCase.referral() + "/overrides",
                token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE),
                "application/json",
                body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
