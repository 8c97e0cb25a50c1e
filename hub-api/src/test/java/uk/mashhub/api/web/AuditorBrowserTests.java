package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.token;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.audit.ReadModels;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.reader.StreamReader;
import uk.mashhub.kernel.HubScope;

/**
 * The auditor's pages in a real browser: the disclosure log searched with filters, paged, exported
 * and reported per person, and the audit log's status — against releases made through the hub's
 * own API and read back from its disclosure stream.
 */
@HubIntegrationTest
class AuditorBrowserTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final StreamReader reader;
    private final AuditChain chain;
    private String hub = "";

    AuditorBrowserTests(@Autowired JdbcClient jdbc, @Autowired StreamReader reader, @Autowired AuditChain chain) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.chain = chain;
    }

    @BeforeEach
    void allowThisHubAtTheIdentityProvider() {
        hub = "http://localhost:" + port;
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
    }

    /** A child's police record released to children's services {@code times} times, and another child's refused. */
    private record Released(String personId, long firstReleased, long lastReleased, String lastHash, long denied) {}

    private Released releases(int times) throws InterruptedException {
        Http http = new Http(port);
        ReleaseCase aCase = ReleaseCase.create(http, port, jdbc);
        String practitioner = token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
        long first = 0;
        long last = 0;
        String hash = "";
        for (int i = 0; i < times; i++) {
            JsonNode released = aCase.released(http, practitioner, aCase.policeRecord());
            assertThat(released.get("decision").asString()).isEqualTo("PERMIT");
            last = released.get("receipt").get("sequence").asLong();
            hash = released.get("receipt").get("hash").asString();
            first = first == 0 ? last : first;
        }
        JsonNode denied = aCase.released(http, practitioner, aCase.otherChildsRecord());
        assertThat(denied.get("decision").asString()).isEqualTo("DENY");
        long deniedSequence = denied.get("receipt").get("sequence").asLong();
        String personId =
                jdbc.sql("""
                        SELECT i.person_id::text FROM ingest.agency_record r
                        JOIN ingest.person_identity i ON i.id = r.subject_identity WHERE r.id = CAST(? AS uuid)""").param(aCase.policeRecord()).query(String.class).single();
        awaitReadModel(deniedSequence);
        return new Released(personId, first, last, hash, deniedSequence);
    }

    private void awaitReadModel(long sequence) throws InterruptedException {
        ReadModels.awaitPosition(reader, sequence);
    }

    private static Locator row(Page page, long sequence) {
        return page.locator("#entry-" + sequence);
    }

    @Test
    void searchesTheLogPagesOnReportsOnThePersonExportsAndShowsTheStatus() throws Exception {
        Released released = releases(26);
        long searchesBefore = chain.status().headSequence();

        Page page = Browser.signedIn(hub, "alex.auditor");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Disclosure log"))
                .first()
                .click();
        // the page arrives in parts: rows counted before it has loaded would be some of them
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/audit");
        assertThat(page.locator("table").count())
                .as("no search until the form is sent")
                .isZero();
        assertThat(page.getByText("You see the events your agency took part in").count())
                .as("a partnership auditor sees everything")
                .isZero();
        Browser.check(page, "audit-search");

        page.getByLabel("Person id").fill(released.personId());
        page.getByLabel("Released").check();
        page.getByLabel("Providing agency").selectOption("Northshire Police");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).doesNotContain("Amelia").contains("personId=" + released.personId());
        Locator newest = row(page, released.lastReleased());
        assertThat(newest.textContent())
                .contains("Record released")
                .contains("Released")
                .contains("Northshire Police")
                .contains("Northshire Children's Services")
                .contains("SAFEGUARDING_CHILDREN")
                .contains("tester@" + CHILDRENS)
                .contains("psn:");
        assertThat(newest.textContent())
                .as("field names and ids, never the values released")
                .doesNotContain("Neighbour");
        assertThat(row(page, released.denied()).count()).isZero();
        assertThat(page.locator("tbody tr").count()).isEqualTo(25);
        Browser.check(page, "audit-results");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older entries"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).contains("before=");
        assertThat(row(page, released.firstReleased()).isVisible()).isTrue();
        assertThat(row(page, released.lastReleased()).count()).isZero();
        Browser.check(page, "audit-results-older");

        Download csv = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV (spreadsheet)"))
                        .click());
        assertThat(csv.suggestedFilename()).startsWith("disclosures-").endsWith(".csv");
        String exported = Files.readString(csv.path(), StandardCharsets.UTF_8);
        assertThat(exported)
                .startsWith("sequence,occurredAt,type,eventId")
                .contains(released.firstReleased() + ",")
                .contains(released.lastReleased() + ",")
                .doesNotContain("Neighbour");
        assertThat(exported.lines().count())
                .as("the header and every match, not one page")
                .isEqualTo(27);
        assertThat(exported.lines()).noneMatch(line -> line.startsWith(released.denied() + ","));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest entries"))
                .click();
        page.waitForLoadState();
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions()
                                .setName("See everything the log holds about this person (subject report)"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).isEqualTo(hub + "/audit/subjects/" + released.personId());
        assertThat(page.locator("h1").textContent()).isEqualTo("Who has seen this person’s data");
        assertThat(page.getByText("Northshire Children's Services: 26 records").isVisible())
                .isTrue();
        assertThat(row(page, released.lastReleased()).isVisible()).isTrue();
        Browser.check(page, "audit-subject-report");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions()
                                .setName("Show as a subject access answer (withheld entries left out)"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).endsWith("?forSubjectAccess=true");
        assertThat(page.getByText("For a subject access answer").isVisible()).isTrue();
        Browser.check(page, "audit-subject-report-for-subject-access");

        page.navigate(hub + "/audit/status");
        assertThat(page.locator("#reconciliation-status").textContent()).contains("Reconciled");
        Browser.check(page, "audit-status");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the whole chain now"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator("#chain-status").textContent()).contains("Verified");
        Browser.check(page, "audit-status-verified");

        assertThat(jdbc.sql("""
                        SELECT type FROM audit.audit_event WHERE actor = 'alex.auditor' AND sequence > ?
                        ORDER BY sequence""").param(searchesBefore).query(String.class).list())
                .as("every search, report, export and check the pages made is itself an audit event")
                .contains(
                        "AuditLogSearched",
                        "AuditLogExported",
                        "SubjectReportViewed",
                        "AuditReadModelReconciled",
                        "AuditChainVerified");
    }

    @Test
    void showsAnErrorSummaryLinkedToEachBadFilterAndAnEmptyStateWhenNothingMatches() {
        Page page = Browser.signedIn(hub, "alex.auditor");
        page.navigate(hub + "/audit");
        page.getByLabel("Person id").fill("Amelia Hart");
        page.locator("#fromDay").fill("31");
        page.locator("#fromMonth").fill("2");
        page.locator("#fromYear").fill("2026");
        page.locator("#toDay").fill("1");
        page.locator("#toMonth").fill("3");
        page.locator("#toYear").fill("2026");
        page.locator("#toTime").fill("25:99");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.waitForLoadState();
        assertThat(page.title()).isEqualTo("Error: Disclosure log – MASH Hub");
        Locator summary = page.locator(".govuk-error-summary");
        assertThat(summary.locator("a").evaluateAll("links => links.map(link => link.getAttribute('href'))"))
                .isEqualTo(List.of("#personId", "#fromDay", "#toTime"));
        assertThat(summary.textContent()).contains("‘From’ must be a real date");
        assertThat(page.locator("#personId-error").textContent()).contains("Enter the person id in the right format");
        assertThat(page.locator("table").count()).isZero();
        Browser.check(page, "audit-search-errors");

        Response unknownDecision = page.navigate(hub + "/audit?search=true&decision=MAYBE&type=Nonsense");
        assertThat(unknownDecision.status()).isEqualTo(200);
        assertThat(page.locator(".govuk-error-summary a").allTextContents())
                .containsExactly("Choose the kind of event from the list", "Choose released, refused or either");

        page.navigate(hub + "/audit");
        page.getByLabel("Agreement id").fill(UUID.randomUUID().toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.waitForLoadState();
        assertThat(page.getByText("No disclosures match your filters.").isVisible())
                .isTrue();
        Browser.check(page, "audit-search-empty");

        page.navigate(hub + "/audit/subjects");
        Browser.check(page, "audit-subject-form");
        page.getByLabel("Person id").fill("not-an-id");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the report"))
                .click();
        page.waitForLoadState();
        assertThat(page.title()).startsWith("Error: ");
        assertThat(page.locator(".govuk-error-summary a").getAttribute("href")).isEqualTo("#personId");
        Browser.check(page, "audit-subject-form-error");

        Response mistyped = page.navigate(hub + "/audit/subjects/not-an-id");
        assertThat(mistyped.status())
                .as("a mistyped report address is a page that is not there")
                .isEqualTo(404);
        assertThat(page.locator("h1").textContent()).contains("Page not found");

        APIResponse badExport = page.request().get(hub + "/audit/export?format=pdf");
        assertThat(badExport.status()).isEqualTo(400);
    }

    @Test
    void anAuditorOfAnotherAgencySeesNoneOfTheEventsTheirAgencyTookNoPartIn() throws Exception {
        Released released = releases(1);
        Page page = Browser.signedIn(hub, "holly.health-auditor");

        page.navigate(hub + "/audit?search=true&personId=" + released.personId());
        assertThat(page.getByText("You see the events your agency took part in").isVisible())
                .isTrue();
        assertThat(page.getByText("No disclosures match your filters.").isVisible())
                .isTrue();
        assertThat(row(page, released.lastReleased()).count()).isZero();

        page.navigate(hub + "/audit/subjects/" + released.personId());
        assertThat(row(page, released.lastReleased()).count()).isZero();
        assertThat(page.getByText("No records released").isVisible())
                .as("at most the auditor's own questions about the person, never the release to children's services")
                .isTrue();
        Browser.check(page, "audit-subject-report-other-agency");

        page.navigate(hub + "/audit?search=true");
        Download everything = page.waitForDownload(() -> page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions()
                                .setName("Download every kind of event, not only disclosures (NDJSON)"))
                .click());
        String exported = Files.readString(everything.path(), StandardCharsets.UTF_8);
        assertThat(exported)
                .as("an export holds only what the auditor's agency took part in")
                .doesNotContain(released.lastHash());
    }

    @Test
    void aDataProtectionOfficerWithholdsAnEntryFromTheSubjectAccessAnswerAndEndsIt() throws Exception {
        Released released = releases(1);
        String report = hub + "/audit/subjects/" + released.personId();
        Page page = Browser.signedIn(hub, "dana.dpo");
        page.navigate(report);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withhold the entry"))
                .click();
        page.waitForLoadState();
        assertThat(page.title()).isEqualTo("Error: Subject report – MASH Hub");
        assertThat(page.locator(".govuk-error-summary a")
                        .evaluateAll("links => links.map(link => link.getAttribute('href'))"))
                .isEqualTo(List.of("#sequence", "#exemption"));
        Browser.check(page, "audit-withhold-errors");

        page.getByLabel("Entry number").fill(String.valueOf(released.lastReleased()));
        page.getByLabel("Crime: telling the person would prejudice").check();
        page.getByLabel("Case or ticket reference (optional)").fill("DPO-2026/17");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withhold the entry"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-notification-banner").textContent())
                .contains("Entry " + released.lastReleased() + " is withheld");
        awaitReadModel(chain.status().headSequence());
        page.navigate(report);
        assertThat(row(page, released.lastReleased()).textContent())
                .contains("Withheld from subject access")
                .contains("CRIME_AND_TAXATION, DPO-2026/17");
        Browser.check(page, "audit-subject-report-withheld");

        page.navigate(report + "?forSubjectAccess=true");
        assertThat(row(page, released.lastReleased()).count()).isZero();
        assertThat(page.getByText("left out of this answer").isVisible()).isTrue();

        page.navigate(report);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("End withholding of entry " + released.lastReleased()))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".govuk-notification-banner").textContent())
                .contains("Entry " + released.lastReleased() + " is part of this person’s subject access answer again");
        awaitReadModel(chain.status().headSequence());
        page.navigate(report + "?forSubjectAccess=true");
        assertThat(row(page, released.lastReleased()).isVisible()).isTrue();
    }

    @Test
    void refusesAWithholdingByAnAuditorWhoIsNotAReviewer() throws Exception {
        Released released = releases(1);
        Page page = Browser.signedIn(hub, "alex.auditor");
        page.navigate(hub + "/audit/subjects/" + released.personId());
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withhold the entry"))
                        .count())
                .isZero();
        page.navigate(hub + "/audit/status");
        String csrf = page.locator("input[name=_csrf]").first().getAttribute("value");
        long head = chain.status().headSequence();
        APIResponse refused = page.request()
                .post(
                        hub + "/audit/subjects/" + released.personId() + "/withholdings",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("_csrf", csrf)
                                        .set("sequence", String.valueOf(released.lastReleased()))
                                        .set("exemption", "CRIME_AND_TAXATION")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event
                        WHERE type = 'SubjectAccessEntryWithheld' AND sequence > ?""").param(head).query(Long.class).single()).isZero();
    }

    @Test
    void sendsSomeoneWhoIsNotSignedInToTheSignInPage() {
        Page page = Browser.newPage();
        for (String path : new String[] {"/audit", "/audit/status", "/audit/subjects/" + UUID.randomUUID()}) {
            page.navigate(hub + path);
            assertThat(page.url()).as(path).isEqualTo(hub + "/sign-in");
        }
    }

    @Test
    void showsTheForbiddenPageToAPractitioner() {
        Page page = Browser.signedIn(hub, "pat.practitioner");
        for (String path : new String[] {
            "/audit", "/audit/status", "/audit/subjects/" + UUID.randomUUID(), "/audit/export?format=csv"
        }) {
            Response response = page.navigate(hub + path);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(page.locator("h1").textContent()).as(path).isNotBlank();
        }
        Browser.check(page, "audit-forbidden");
    }

    @Test
    void refusesFormsPostedWithoutACsrfToken() {
        Page page = Browser.signedIn(hub, "dana.dpo");
        long head = chain.status().headSequence();
        APIResponse response = page.request().post(hub + "/audit/status");
        assertThat(response.status()).isEqualTo(403);
        APIResponse withholding = page.request()
                .post(
                        hub + "/audit/subjects/" + UUID.randomUUID() + "/withholdings",
                        RequestOptions.create()
                                .setForm(
                                        FormData.create().set("sequence", "1").set("exemption", "CRIME_AND_TAXATION")));
        assertThat(withholding.status()).isEqualTo(403);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event
                        WHERE type = 'AuditChainVerified' AND actor = 'dana.dpo' AND sequence > ?""").param(head).query(Long.class).single()).isZero();
    }

    @Test
    void refusesAnAuditedPageOpenedFromAnotherSite() {
        Page page = Browser.signedIn(hub, "alex.auditor");
        long head = chain.status().headSequence();

        // what the browser sends when a link on another site opens the hub: the session cookie, but
        // marked cross-site — it must not record a search or a subject report in the auditor's name
        APIResponse search = page.request()
                .get(hub + "/audit?search=true", RequestOptions.create().setHeader("Sec-Fetch-Site", "cross-site"));
        APIResponse report = page.request()
                .get(
                        hub + "/audit/subjects/" + UUID.randomUUID(),
                        RequestOptions.create().setHeader("Sec-Fetch-Site", "cross-site"));

        assertThat(search.status()).isEqualTo(403);
        assertThat(report.status()).isEqualTo(403);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event WHERE actor = 'alex.auditor' AND sequence > ?""").param(head).query(Long.class).single()).isZero();
        // the hub's own links still work
        assertThat(page.navigate(hub + "/audit").status()).isEqualTo(200);
    }
}
