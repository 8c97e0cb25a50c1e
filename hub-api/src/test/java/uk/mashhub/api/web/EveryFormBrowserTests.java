package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.token;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Every form of the hub's pages, as each kind of person sees them, sent back with one field at a
 * time set to something hostile — what a mistyped, pasted or forged form carries. A page may
 * refuse it (an error summary, 400, 404, 409) but never fails (5xx), never shows a stack trace,
 * and never sends what was typed back as markup; afterwards the pages that show the typed text
 * run no script in the browser. The forms are read from the pages themselves, so a field added
 * later is swept without touching this test.
 */
@HubIntegrationTest
class EveryFormBrowserTests {

    private static final String SCRIPT = "<script>alert('hub')</script>";
    private static final String IMAGE = "\"><img src=x onerror=alert('hub')>";

    /** Sent in place of one field's value; the NUL character must be refused by name (400). */
    private static final List<String> HOSTILE = List.of(
            "",
            "   ",
            SCRIPT,
            IMAGE,
            "x".repeat(20_000),
            "../../../etc/passwd",
            "' OR '1'='1",
            "1e999999999",
            "-1",
            "99999999999999999999",
            "2026-02-30",
            "\u202Egnp.exe",
            "\uD83D\uDE00",
            "NOT_A_VALUE",
            "\u0000");

    private static final List<String> STACK_TRACE_MARKS = List.of(
            "Exception: ",
            "Caused by",
            "\tat ",
            "at uk.mashhub.",
            "org.springframework.",
            "org.postgresql",
            "org.thymeleaf",
            "jakarta.",
            "java.lang.",
            "SQLState");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String hub;
    Http http;
    ReleaseCase aCase;
    String referral;

    @BeforeEach
    void aReferralWithRecords() {
        hub = "http://localhost:" + port;
        IdentityProviderInitializer.identityProvider().allowWebPagesAt(hub);
        http = new Http(port);
        aCase = ReleaseCase.create(http, port, jdbc);
        referral = aCase.referral().replace("/api", "");
    }

    @Test
    void aPractitionersFormsRefuseHostileValuesWithoutFailing() {
        Page page = Browser.signedIn(hub, "pat.practitioner");

        int sent = sweep(
                page,
                List.of(referral, referral + "/requests/new", referral + "/overrides/new", "/referrals", "/matches"));
        // forms are read when a page opens: the outcome's form shows once the referral has been rated
        gathering();
        sent += sweep(page, List.of(referral));

        assertThat(sent).as("values sent").isGreaterThan(200);
        runsNoScriptOn(page, referral, "/referrals");
    }

    @Test
    void governanceFormsRefuseHostileValuesWithoutFailing() {
        String version = drafted();
        Page page = Browser.signedIn(hub, "iris.governance");

        int sent = sweep(
                page,
                List.of(version + "/signatures", version + "/suspension", version + "/termination", "/agreements"));

        assertThat(sent).as("values sent").isGreaterThan(20);
        runsNoScriptOn(page, version, "/agreements");
    }

    @Test
    void aCaldicottGuardiansReviewFormRefusesHostileValuesWithoutFailing() {
        String override = "/overrides/" + breakGlassOverHealthData();
        Page page = Browser.signedIn(hub, "gwen.guardian");

        int sent = sweep(page, List.of("/overrides", override));

        assertThat(sent).as("values sent").isGreaterThan(20);
        runsNoScriptOn(page, override, "/overrides");
    }

    @Test
    void auditorsFormsRefuseHostileValuesWithoutFailing() {
        String person = "/audit/subjects/" + aCase.childsPersonId(http);
        Page page = Browser.signedIn(hub, "dana.dpo");

        int sent = sweep(page, List.of("/audit", "/audit/subjects", person, "/audit/status"));

        assertThat(sent).as("values sent").isGreaterThan(100);
        runsNoScriptOn(page, person, "/audit");
    }

    /**
     * Opens each page, reads its forms (sign-out aside) and sends each form back once per field
     * and hostile value, every other field as the page filled it in; answers how many were sent.
     */
    private int sweep(Page page, List<String> paths) {
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            var opened = page.navigate(hub + path);
            assertThat(opened.status()).as("%s opens", path).isEqualTo(200);
            for (Form form : forms(page)) {
                for (String field : form.fields().keySet()) {
                    if (field.equals("_csrf")) {
                        continue;
                    }
                    for (String hostile : HOSTILE) {
                        Map<String, String> values = new LinkedHashMap<>(form.fields());
                        values.put(field, hostile);
                        sent++;
                        String problem;
                        try {
                            problem = problemWith(page, form.send(page, values), hostile);
                        } catch (PlaywrightException brokenOff) {
                            problem = "the answer broke off (the page failed while it was being written)";
                        }
                        if (problem != null) {
                            failures.add(form.method() + " " + form.action() + " " + field + "=" + shown(hostile) + ": "
                                    + problem);
                        }
                    }
                }
            }
        }
        assertThat(failures).as("answers that broke the rule").isEmpty();
        return sent;
    }

    /** What is wrong with an answer (and the page a redirect leads to), or null. */
    private String problemWith(Page page, APIResponse answer, String hostile) {
        int status = answer.status();
        String body = answer.text();
        if (status >= 300 && status < 400) {
            String location = answer.headers().getOrDefault("location", "");
            if (location.contains("/sign-in") || location.contains("/oauth2")) {
                return "sent to sign in again: the session was lost";
            }
            // a form that was taken redirects to the page that shows the result: that page must work too
            String next = location.startsWith("/") ? hub + location : location;
            if (!next.startsWith(hub)) {
                return "redirected away from the hub, to " + location;
            }
            APIResponse shown = page.request().get(next, RequestOptions.create().setMaxRedirects(0));
            if (shown.status() != 200) {
                return "redirected to a page that answered " + shown.status();
            }
            body = shown.text();
        }
        if (status >= 500) {
            return "answered " + status;
        }
        if (status == 403 || status == 401) {
            return "answered " + status + ": the form was not taken as this person's";
        }
        if (hostile.indexOf('\u0000') >= 0 && status != 400) {
            return "text holding NUL answered " + status + ", not 400";
        }
        if (body.contains(SCRIPT) || body.contains("<img src=x")) {
            return "sent the typed markup back unescaped";
        }
        if (STACK_TRACE_MARKS.stream().anyMatch(body::contains)) {
            return "showed a stack trace";
        }
        return null;
    }

    /**
     * Opens the pages that show what was typed, in the browser: what was typed is text on them,
     * never an element. (The pages' content security policy would stop an inline script running
     * anyway, so the test looks for the elements themselves rather than waiting for an alert.)
     */
    private void runsNoScriptOn(Page page, String... paths) {
        for (String path : paths) {
            var opened = page.navigate(hub + path);
            assertThat(opened.status()).as("%s opens", path).isEqualTo(200);
            assertThat(page.locator("img[src='x']").count())
                    .as("images injected on %s", path)
                    .isZero();
            assertThat(page.locator("script:not([src])").count())
                    .as("inline scripts on %s", path)
                    .isZero();
        }
    }

    private record Form(String method, String action, Map<String, String> fields) {

        APIResponse send(Page page, Map<String, String> values) {
            if (method.equals("get")) {
                String query = values.entrySet().stream()
                        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                        .collect(Collectors.joining("&"));
                return page.request()
                        .get(action + "?" + query, RequestOptions.create().setMaxRedirects(0));
            }
            FormData form = FormData.create();
            values.forEach(form::set);
            return page.request()
                    .post(action, RequestOptions.create().setForm(form).setMaxRedirects(0));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /**
     * The page's forms with a value for each named field, as a person would first send it: the
     * first choice of each radio group and list, the first of each group of checkboxes ticked,
     * text kept, or filled in where a form (not a search) would need it.
     */
    @SuppressWarnings("unchecked")
    private static List<Form> forms(Page page) {
        var read = (List<Map<String, Object>>) page.evaluate("""
                () => Array.from(document.querySelectorAll('form'))
                  .filter(form => !form.action.endsWith('/sign-out'))
                  .map(form => ({
                    method: (form.getAttribute('method') || 'get').toLowerCase(),
                    action: form.action,
                    fields: Array.from(form.elements)
                      .filter(element => element.name && element.type !== 'submit' && element.type !== 'button')
                      .map(element => ({
                        name: element.name,
                        type: element.type,
                        value: element.tagName === 'SELECT'
                          ? (Array.from(element.options).map(option => option.value).find(value => value) || '')
                          : element.value
                      }))
                  }))
                """);
        List<Form> forms = new ArrayList<>();
        for (Map<String, Object> form : read) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map<String, Object> field : (List<Map<String, Object>>) form.get("fields")) {
                String name = (String) field.get("name");
                String type = (String) field.get("type");
                String value = (String) field.get("value");
                if (type.equals("radio") || type.equals("checkbox")) {
                    fields.putIfAbsent(name, value);
                } else {
                    // a search's blank filter means "any"; a form's blank text would only fail its own check
                    fields.put(name, value.isEmpty() && form.get("method").equals("post") ? "Swept by a test" : value);
                }
            }
            if (fields.size() > 1 || !fields.containsKey("_csrf")) {
                forms.add(new Form((String) form.get("method"), (String) form.get("action"), fields));
            }
        }
        return forms;
    }

    private static String shown(String hostile) {
        String printable = hostile.replace("\u0000", "\\u0000");
        return printable.length() > 40
                ? printable.substring(0, 40) + "… (" + hostile.length() + " characters)"
                : printable;
    }

    private void gathering() {
        String triage = token(Callers.CHILDRENS, HubScope.TRIAGE);
        var rated = http.send("POST", aCase.referral() + "/rating", triage, "application/json", """
                {"rag": "RED", "rationale": "Risk tonight"}""");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        var gathering = http.send("POST", aCase.referral() + "/gathering", triage, null, "");
        assertThat(gathering.statusCode()).as(gathering.body()).isEqualTo(200);
    }

    /** A practitioner's break-glass over health's data about the child, recorded through the API; answers its id. */
    private String breakGlassOverHealthData() {
        String body = """
                {"kind": "BREAK_GLASS", "personId": "%s",
                 "justification": "Risk of significant harm tonight.", "gateway": "Children Act 1989 s47",
                 "provider": "%s", "categories": ["HEALTH_SUMMARY"], "fields": ["gpPractice"],
                 "expiresAt": "%s"}""".formatted(
                        aCase.childsPersonId(http),
                        Callers.HEALTH,
                        java.time.Instant.now().plusSeconds(3_600));
        var response = http.send(
                "POST",
                aCase.referral() + "/overrides",
                token(Callers.CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE),
                "application/json",
                body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A draft agreement between children's services and the police; answers its page. */
    private String drafted() {
        return DraftAgreements.drafted(http, "Swept agreement", List.of(Callers.CHILDRENS, Callers.POLICE))
                .replace("/api", "");
    }
}
