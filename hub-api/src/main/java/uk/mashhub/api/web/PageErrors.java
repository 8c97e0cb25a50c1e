package uk.mashhub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import uk.mashhub.api.problem.SafeLogging;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.NotFound;

/**
 * Failures behind web pages turned into GOV.UK error pages that say what happened and what to do — never a stack trace, a value the person
 * typed or another agency's data.
 */
// before the API's problem answers, which apply to every controller
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(annotations = PageController.class)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFound.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(404);
        return "errors/not-found";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badAddress(HttpServletResponse response) {
        // a mistyped or incomplete address: the same page as for something that is not there
        response.setStatus(404);
        return "errors/not-found";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletResponse response) {
        response.setStatus(403);
        return "errors/forbidden";
    }

    @ExceptionHandler(HubProblem.class)
    String problem(HubProblem problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.type().status());
        model.addAttribute("title", problem.type().title());
        model.addAttribute("detail", problem.safeDetail());
        return "errors/problem";
    }

    @ExceptionHandler(RequestRejectedException.class)
    String rejected(HttpServletResponse response, Model model) {
        // the firewall checks form fields when the page's handler first reads them
        response.setStatus(400);
        model.addAttribute("title", "The form holds a character the hub cannot accept");
        model.addAttribute(
                "detail",
                "Go back and retype the text: something pasted into it carried an invisible control character.");
        return "errors/problem";
    }

    /** The failures the API answers with 503 (ProblemResponses.unavailable): unreachable, or busy (a lock, a timeout). */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class
    })
    String unavailable(Exception failure, HttpServletResponse response) {
        // the page tells the person to give the operators the time: this is what they will look for
        log.warn("Answering a page with 503: the database is unreachable or busy\n{}", SafeLogging.describe(failure));
        response.setStatus(503);
        response.setHeader("Retry-After", "5");
        return "errors/unavailable";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception failure, HttpServletResponse response) {
        log.error("Unexpected failure behind a web page\n{}", SafeLogging.describe(failure));
        response.setStatus(500);
        return "errors/unavailable";
    }
}
