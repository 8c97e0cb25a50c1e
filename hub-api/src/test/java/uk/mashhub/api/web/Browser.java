package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mashhub.testsupport.identity.DemoPartnership;
import org.jspecify.annotations.Nullable;

/**
 * Debian's Chromium (never a downloaded browser), headless, driven by Playwright: one browser per
 * test JVM, a fresh context (cookies, session) per person. Every page a journey reaches is checked
 * with axe-core and photographed into {@code target/screenshots}.
 */
final class Browser {

    private static final String CHROMIUM = System.getProperty("hub.test.chromium", "/usr/bin/chromium");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static @Nullable Playwright playwright;
    private static com.microsoft.playwright.@Nullable Browser chromium;

    private Browser() {}

    private static synchronized com.microsoft.playwright.Browser chromium() {
        if (chromium == null) {
            var started = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            playwright = started;
            chromium = started.chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(Path.of(CHROMIUM))
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--disable-quic",
                                    "--no-first-run")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "playwright-stop"));
        }
        return chromium;
    }

    /** A browser of its own for one person: no cookies, no session. */
    static Page newPage() {
        BrowserContext context = chromium()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setViewportSize(1280, 900)
                        .setLocale("en-GB"));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** Opens the hub, follows its sign-in button to the identity provider and signs in there. */
    static Page signedIn(String hubUrl, String username) {
        Page page = newPage();
        page.navigate(hubUrl + "/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        signInAtIdentityProvider(page, username);
        assertThat(page.url()).startsWith(hubUrl);
        return page;
    }

    /** Fills in the identity provider's sign-in form (it is not one of the hub's pages). */
    static void signInAtIdentityProvider(Page page, String username) {
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(DemoPartnership.DEMO_PASSWORD);
        page.locator("button[type=submit]").click();
        page.waitForLoadState();
    }

    /**
     * Checks the page the browser shows with axe-core (WCAG 2.2 A and AA rules) — no serious or
     * critical violation — and keeps a full-page screenshot named after it.
     */
    static void check(Page page, String name) {
        page.waitForLoadState();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
        List<Rule> violations = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze()
                .getViolations();
        String blocking = violations.stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(blocking).as("accessibility of %s (%s)", name, page.url()).isEmpty();
    }
}
