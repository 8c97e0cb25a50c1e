package mashhub.testsupport;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Where test infrastructure puts its properties: above the application's, below a test's own. */
public final class TestProperties {

    private TestProperties() {}

    /**
     * Adds {@code source} so that it overrides {@code application.yml} and the environment but not
     * the properties a test sets itself ({@code @SpringBootTest(properties = …)}, {@code
     * @TestPropertySource}): a test that points somewhere else on purpose wins.
     */
    public static void addBelowInlinedTestProperties(ConfigurableApplicationContext context, PropertySource<?> source) {
        var sources = context.getEnvironment().getPropertySources();
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, source);
        } else {
            sources.addFirst(source);
        }
    }
}
