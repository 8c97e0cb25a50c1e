package uk.mashhub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The auditor's pages answer GETs that are themselves audit events (a search, a subject report, an
 * export, a reconciliation), so that a search can be bookmarked. A link on another site must not
 * make an auditor's browser record such an event in their name: a request the browser marks as
 * coming from another site ({@code Sec-Fetch-Site: cross-site}) is refused. Bookmarks and typed
 * addresses ({@code none}) and the hub's own links ({@code same-origin}) pass.
 */
@Component
class SameSiteAuditing implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/audit", "/audit/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            throw new AccessDeniedException("an audited page opened from another site");
        }
        return true;
    }
}
