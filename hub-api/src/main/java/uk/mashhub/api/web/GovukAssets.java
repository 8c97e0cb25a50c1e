package uk.mashhub.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * Serves GOV.UK Frontend's images where its stylesheet looks for them ({@code /assets/images}),
 * from the WebJar on the class path: no CDN at run time. Its fonts are not served: the GDS
 * Transport typeface is for services on GOV.UK only, and the hub's stylesheet points that family
 * at Arial (ADR 0017).
 */
@Configuration(proxyBeanMethods = false)
class GovukAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String version = new WebJarVersionLocator().version("govuk-frontend");
        registry.addResourceHandler("/assets/images/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + version
                        + "/dist/govuk/assets/images/");
    }
}
