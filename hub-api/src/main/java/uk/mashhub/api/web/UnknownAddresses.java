package uk.mashhub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import uk.mashhub.api.problem.Problems;
import uk.mashhub.kernel.NotFound;

/**
 * An address nothing answers: under {@code /api} the API's 404 problem; anywhere else the
 * container's error page, which a browser gets as the GOV.UK "Page not found" page.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice
class UnknownAddresses {

    @ExceptionHandler(NoResourceFoundException.class)
    @Nullable
    ResponseEntity<ProblemDetail> nothingHere(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getRequestURI().startsWith("/api/")) {
            return ResponseEntity.status(404).body(Problems.of(NotFound.TYPE, "There is nothing at this address."));
        }
        response.sendError(404);
        return null;
    }
}
