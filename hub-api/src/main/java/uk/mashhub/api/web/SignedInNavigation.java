package uk.mashhub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import uk.mashhub.api.security.SignedInPerson;

/**
 * Puts the layout's {@code me} — who is signed in, their agency and the sections they may open —
 * on every request of a signed-in person, error pages included (a request attribute, which every
 * view sees, unlike a model attribute).
 */
@Component
class SignedInNavigation implements HandlerInterceptor, WebMvcConfigurer {

    static final String ATTRIBUTE = "me";

    private final AgencyNames agencies;

    SignedInNavigation(AgencyNames agencies) {
        this.agencies = agencies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // pages only: not the API, nor the style sheets, scripts and images a page loads
        registry.addInterceptor(this)
                .excludePathPatterns(
                        "/api/**", "/actuator/**", "/v3/**", "/swagger-ui/**", "/webjars/**", "/hub/**", "/assets/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInPerson person) {
            var caller = person.caller();
            String agencyName = agencies.name(caller.agency().value());
            String path =
                    request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                            ? original
                            : request.getRequestURI();
            request.setAttribute(ATTRIBUTE, Navigation.of(caller, person.displayName(), agencyName, path));
        }
        return true;
    }
}
