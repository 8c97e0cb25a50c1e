package uk.mashhub.api.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds a request's handler by its path first. Spring MVC checks a mapping's method, parameters,
 * headers, consumed and produced media types before its path, and for a path with a variable
 * ({@code /api/referrals/{id}/releases}) it checks every mapping the hub has, about a hundred: in a
 * profile of single releases that lookup was 10.8 % of the hub's CPU (docs/benchmarks.md, ADR 0019). Here a
 * mapping none of whose path patterns match the request is passed over before those checks; any
 * other mapping is checked exactly as Spring MVC checks it. A mapping whose path does not match
 * never matches anyway, so which handler answers, and the 404, 405, 406 and 415 answers (worked out
 * separately, from all mappings, when nothing matched), are unchanged.
 */
@Configuration(proxyBeanMethods = false)
class PathFirstRouting implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstMappings();
    }

    static final class PathFirstMappings extends RequestMappingHandlerMapping {

        @Override
        protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }
    }
}
