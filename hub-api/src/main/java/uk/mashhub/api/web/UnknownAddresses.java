package uk.mashhub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import uk.mashhub.api.problem.Problems;
import uk.mashhub.kernel.NotFound;

/**
 * An address nothing answers, or not with that method: under {@code /api} the API's problem;
 * anywhere else the container's error page, which a browser gets as the GOV.UK "Page not found"
 * page (a form's address opened with GET after an error summary, a bookmark, a typo).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice
class UnknownAddresses {

    @ExceptionHandler(NoResourceFoundException.class)
    @Nullable
    ResponseEntity<ProblemDetail> nothingHere(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            return ResponseEntity.status(404).body(Problems.of(NotFound.TYPE, "There is nothing at this address."));
        }
        response.sendError(404);
        return null;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    @Nullable
    ResponseEntity<ProblemDetail> notThisWay(
            HttpRequestMethodNotSupportedException refused, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            var answer = ResponseEntity.status(405);
            if (refused.getSupportedHttpMethods() != null) {
                answer.allow(refused.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
            }
            return answer.body(Problems.of(
                    Problems.METHOD_NOT_ALLOWED,
                    "This address does not support " + refused.getMethod() + "; the Allow header lists what it does."));
        }
        response.sendError(405);
        return null;
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }
}
