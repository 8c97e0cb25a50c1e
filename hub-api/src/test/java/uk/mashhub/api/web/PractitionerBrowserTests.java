package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.token;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.api.Callers;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.kernel.HubScope;

/**
 * A MASH practitioner's morning in the browser: the triage queue, a referral, rating it, gathering,
 * asking partners for records, an override, the outcome, the possible-match queue — and what they
 * and others must not be able to do.
 */
@HubIntegrationTest
class PractitionerBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String hub;
    Http http;
    ReleaseCase aCase;
    String referral;

    @BeforeEach
    void aPoliceReferralWithRecords() {
        hub = "http://localhost:" + port;
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
        http = new Http(port);
        aCase = ReleaseCase.create(http, port, jdbc);
        referral = aCase.releases().replace("/api", "").replace("/releases", "");
    }

    @Test
    void worksAReferralFromTheQueueToItsOutcome() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Triage queue"))
                .first()
                .click();
        // the page arrives in parts: what is counted before it has loaded would be part of it
        page.waitForLoadState();
        assertThat(page.title()).isEqualTo("Triage queue – MASH Hub");
        page.getByLabel("Status").selectOption("RECEIVED");
        click(page, "Apply filters");
        assertThat(page.url()).contains("status=RECEIVED");
        assertThat(page.locator("tbody tr td:nth-child(3)").allTextContents())
                .isNotEmpty()
                .allMatch("Received"::equals);
        Browser.check(page, "practitioner-01-queue");

        // the test database holds other tests' referrals too: open this one as a notification's link would
        page.navigate(hub + referral);
        assertThat(page.locator("h1").textContent()).isEqualTo("Amelia Hart");
        assertThat(page.locator(".govuk-caption-l").textContent()).isEqualTo("Referral from Northshire Police");
        Browser.check(page, "practitioner-02-referral");

        label(page, "Amber").check();
        click(page, "Save the rating");
        assertThat(page.title()).isEqualTo("Error: Referral – MASH Hub");
        assertThat(page.locator(".govuk-error-summary").textContent()).contains("Enter why you chose this rating");
        Browser.check(page, "practitioner-03-rating-error");

        label(page, "Why this rating").fill("Child alone at night twice; police attended.");
        click(page, "Save the rating");
        assertThat(banner(page)).contains("RAG rating set to amber");
        assertThat(page.locator(".hub-timeline").textContent()).contains("Rated", "Child alone at night twice");

        click(page, "Start gathering");
        assertThat(banner(page)).contains("Gathering started");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Request information from partners"))
                .click();
        page.waitForLoadState();
        Browser.check(page, "practitioner-04-request-form");
        click(page, "Request the records");
        assertThat(page.locator(".govuk-error-summary").textContent())
                .contains("Select the purpose you need the information for");
        Browser.check(page, "practitioner-05-request-error");

        label(page, "Safeguarding children").check();
        label(page, "Police incidents").check();
        click(page, "Request the records");
        assertThat(page.title()).isEqualTo("Information from partners – MASH Hub");
        String released = page.locator("main").textContent();
        assertThat(released).contains("Police incidents from Northshire Police", "incidentType", "DOMESTIC");
        // the agreement's flow to children's services leaves the officer's notes out
        assertThat(released).doesNotContain("officerNotes", "known to police");
        page.getByText("Disclosure receipt").first().click();
        assertThat(page.locator(".hub-hash").first().textContent()).matches("[0-9a-f]{64}");
        Browser.check(page, "practitioner-06-released");

        // shown once: coming back does not show (or re-release) the records
        page.reload();
        assertThat(page.locator("main").textContent()).contains("shown once").doesNotContain("DOMESTIC");

        page.navigate(hub + referral + "/overrides/new");
        Browser.check(page, "practitioner-07-override-form");
        label(page, "Break-glass").check();
        click(page, "Record it");
        assertThat(page.locator(".govuk-error-summary").textContent())
                .contains(
                        "Select who the information is about",
                        "Enter the fields you need",
                        "Enter why sharing without consent is necessary");
        Browser.check(page, "practitioner-08-override-errors");
        label(page, "Amelia Hart (subject of the referral)").check();
        label(page, "Northshire Integrated Care Board").check();
        label(page, "Health summary").check();
        label(page, "For a break-glass: which fields?").fill("registeredGpPractice, lastSeen");
        label(page, "Why is sharing without consent necessary?").fill("Child may need urgent medical care tonight.");
        label(page, "Legal gateway").selectOption("Children Act 1989 s47");
        label(page, "24 hours").check();
        click(page, "Record it");
        assertThat(banner(page)).contains("Break-glass recorded");

        label(page, "Early help").check();
        label(page, "Rationale for the decision").fill("Family agree to an early help assessment.");
        click(page, "Record the outcome");
        assertThat(banner(page)).contains("Outcome recorded");
        click(page, "Close the referral");
        assertThat(banner(page)).contains("Referral closed");
        assertThat(page.locator(".hub-timeline").textContent()).contains("Closed", "Outcome recorded");
        Browser.check(page, "practitioner-09-closed");
    }

    @Test
    void showsAnotherAgencysRecordsOnlyAsFarAsTheAgreementLetsThemFlow() {
        contributeHealthSummary();
        asGathering();
        Page page = Browser.signedIn(hub, "paul.police");
        page.navigate(hub + referral + "/requests/new");
        label(page, "Safeguarding children").check();
        label(page, "Health summary").check();
        click(page, "Request the records");
        String answer = page.locator("main").textContent();
        // health summaries flow to children's services under this purpose, not to the police
        assertThat(answer).contains("Not released").doesNotContain("Northshire Road Surgery");
        Browser.check(page, "practitioner-10-not-released");
    }

    @Test
    void aFormFromAPageTheReferralHasMovedOnFromSaysSoInsteadOfPointingAtAFieldThatIsGone() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        page.navigate(hub + referral); // received: the page offers the rating form
        // meanwhile a colleague's case system rates and decides the referral
        String api = aCase.releases().replace("/releases", "");
        String colleague = token(Callers.POLICE, HubScope.TRIAGE);
        assertThat(http.send(
                                "POST",
                                api + "/rating",
                                colleague,
                                "application/json",
                                "{\"rag\": \"RED\", \"rationale\": \"Rated elsewhere.\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send(
                                "POST",
                                api + "/decision",
                                colleague,
                                "application/json",
                                "{\"outcome\": \"EARLY_HELP\", \"rationale\": \"Decided elsewhere.\"}")
                        .statusCode())
                .isEqualTo(200);

        label(page, "Amber").check(); // on the page as it was, without a reason
        click(page, "Save the rating");

        String summary = page.locator(".govuk-error-summary").textContent();
        assertThat(summary)
                .contains("This referral has moved on since you opened the page: it is now decided")
                .doesNotContain("Enter why you chose this rating");
        for (String target : page.locator(".govuk-error-summary a").all().stream()
                .map(link -> link.getAttribute("href"))
                .toList()) {
            assertThat(page.locator(target).count())
                    .as("the summary links to %s on the page", target)
                    .isOne();
        }
        assertThat(page.locator("#ratingRationale").count()).isZero();
        assertThat(page.locator(".hub-timeline").textContent()).doesNotContain("Amber");
        Browser.check(page, "practitioner-10-moved-on");
    }

    @Test
    void linksAPossibleMatchOnlyWhenThePractitionerSaysSo() {
        LocalDate born =
                LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(366));
        String family = possibleMatch(born);
        Page page = Browser.signedIn(hub, "pat.practitioner");
        page.navigate(hub + "/matches");
        var card = page.locator(".govuk-summary-card")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(family));
        assertThat(card.textContent())
                .as("the pair %s born %s", family, born)
                .contains("Jasmin", "Jasmine", born.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)));
        Browser.check(page, "practitioner-11-matches");
        card.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Different people"))
                .click();
        page.waitForLoadState();
        assertThat(banner(page)).contains("will not suggest this pair again");
        assertThat(page.locator(".govuk-summary-card")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(family))
                        .count())
                .isZero();
    }

    @Test
    void sendsSomeoneWhoIsNotSignedInToSignInInsteadOfShowingTheReferral() {
        Page page = Browser.newPage();
        page.navigate(hub + referral);
        assertThat(page.url()).isEqualTo(hub + "/sign-in");
        assertThat(page.content()).doesNotContain("Amelia");
    }

    @Test
    void refusesTheReferralPagesToRolesWithoutTriage() {
        for (String person : new String[] {"alex.auditor", "iris.governance"}) {
            Page page = Browser.signedIn(hub, person);
            var response = page.navigate(hub + referral);
            assertThat(response.status()).isEqualTo(403);
            assertThat(page.locator("h1").textContent()).isEqualTo("You cannot open this page");
            assertThat(page.content()).doesNotContain("Amelia");
            Browser.check(page, "forbidden-" + person.replace('.', '-'));
        }
    }

    @Test
    void answersAReferralThatDoesNotExistWithThePageNotFound() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        var response = page.navigate(hub + "/referrals/" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("h1").textContent()).isEqualTo("Page not found");
        Browser.check(page, "not-found");
        assertThat(page.navigate(hub + "/referrals/not-an-id").status()).isEqualTo(404);
        assertThat(page.navigate(hub + "/no-such-page").status()).isEqualTo(404);
        assertThat(page.locator("h1").textContent()).isEqualTo("Page not found");
        // a form's address opened in the address bar (after an error summary, say)
        assertThat(page.navigate(hub + referral + "/rating").status()).isEqualTo(405);
        assertThat(page.locator("h1").textContent()).isEqualTo("Page not found");
    }

    @Test
    void refusesAFormPostedWithoutItsCsrfToken() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        // the signed-in session's cookie, but no _csrf field: what a forged cross-site form sends
        var response = page.request()
                .post(
                        hub + referral + "/rating",
                        RequestOptions.create()
                                .setForm(FormData.create().set("rag", "RED").set("ratingRationale", "forged"))
                                .setMaxRedirects(0));
        assertThat(response.status()).isEqualTo(403);
        page.navigate(hub + referral);
        assertThat(page.locator("main").textContent()).doesNotContain("forged");
    }

    @Test
    void keepsWhatWasTypedWhenAFormSendsARatingThatIsNotOneOfItsChoices() {
        Page page = Browser.signedIn(hub, "pat.practitioner");

        // only an altered or forged form can send this: the page shows only the three ratings
        var response = ratingPosted(page, "PURPLE", "Seen alone at night");

        assertThat(response.status()).isEqualTo(200);
        page.setContent(response.text());
        assertThat(page.locator(".govuk-error-summary").textContent()).contains("Choose one of the options shown");
        assertThat(page.locator("#ratingRationale").inputValue()).isEqualTo("Seen alone at night");
        page.navigate(hub + referral);
        assertThat(page.locator(".hub-timeline").textContent()).doesNotContain("Seen alone at night");
    }

    @Test
    void refusesAFormFieldHoldingTheNulCharacterWithAPageThatSaysWhatToDo() {
        Page page = Browser.signedIn(hub, "pat.practitioner");

        // what a paste from another system can carry: an invisible control character
        var response = ratingPosted(page, "AMBER", "Alone\u0000 at night");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text())
                .contains("The form holds a character the hub cannot accept")
                .doesNotContain("Alone");
        page.navigate(hub + referral);
        assertThat(page.locator(".hub-timeline").textContent()).doesNotContain("Amber");
    }

    /** The referral's rating form sent as the page would send it (with its CSRF token), holding these values. */
    private com.microsoft.playwright.APIResponse ratingPosted(Page page, String rag, String rationale) {
        page.navigate(hub + referral);
        String csrf = page.locator("input[name=_csrf]").first().getAttribute("value");
        return page.request()
                .post(
                        hub + referral + "/rating",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("_csrf", csrf)
                                        .set("rag", rag)
                                        .set("ratingRationale", rationale))
                                .setMaxRedirects(0));
    }

    private void asGathering() {
        String api = "/api" + referral;
        String triage = token(Callers.CHILDRENS, HubScope.TRIAGE);
        assertThat(http.send("POST", api + "/rating", triage, "application/json", """
                        {"rag": "RED", "rationale": "Risk tonight"}""")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send("POST", api + "/gathering", triage, null, "").statusCode())
                .isEqualTo(200);
    }

    private void contributeHealthSummary() {
        var response =
                http.send("POST", "/api/records", token(HEALTH, HubScope.CONTRIBUTE), "application/json", """
                {"subject": {"localId": "H-%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                             "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "%s"},
                 "category": "HEALTH_SUMMARY",
                 "fields": {"registeredGpPractice": "Northshire Road Surgery", "lastSeen": "2026-09-12"},
                 "specialCategoryFields": ["lastSeen"], "sourceReference": "GP-1", "recordedAt": "2026-09-12T10:00:00Z"}""".formatted(
                                UUID.randomUUID(), aCase.childsNhsNumber()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Two agencies report the same child, the second with a misspelt given name: a possible match. */
    private String possibleMatch(LocalDate born) {
        // a family name and a birth date of its own (letters only: digits become g to p), so no
        // other test's child is a possible match for this one (the matcher compares names by sound)
        String family = "Zed"
                + UUID.randomUUID()
                        .toString()
                        .replace("-", "")
                        .chars()
                        .limit(12)
                        .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String school = """
                {"subject": {"localId": "UPN-%s", "givenName": "Jasmine", "familyName": "%s", "dateOfBirth": "%s", "postcode": "NS2 7QT"},
                 "category": "EDUCATION_ATTENDANCE", "fields": {"attendancePercent": 71},
                 "sourceReference": "SCH-1", "recordedAt": "2026-10-01T09:00:00Z"}""".formatted(UUID.randomUUID(), family, born);
        String health = school.replace("Jasmine", "Jasmin")
                .replace("UPN-", "NHS-LOCAL-")
                .replace("EDUCATION_ATTENDANCE", "HEALTH_SUMMARY")
                .replace("\"attendancePercent\": 71", "\"gpPractice\": \"Northshire Road Surgery\"");
        assertThat(http.send(
                                "POST",
                                "/api/records",
                                token(Callers.EDUCATION, HubScope.CONTRIBUTE),
                                "application/json",
                                school)
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.send("POST", "/api/records", token(HEALTH, HubScope.CONTRIBUTE), "application/json", health)
                        .statusCode())
                .isEqualTo(201);
        return family;
    }

    private static void click(Page page, String button) {
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName(button).setExact(true))
                .click();
        page.waitForLoadState();
    }

    private static com.microsoft.playwright.Locator label(Page page, String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    private static String banner(Page page) {
        return page.locator(".govuk-notification-banner--success").textContent();
    }
}
