package uk.mashhub.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.kernel.NotFound;

/**
 * Answers the servlet container's error dispatch (failures outside Spring MVC) with a problem,
 * replacing Spring Boot's default error page and its JSON body.
 */
// the container's error dispatch, not an operation of the API
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        ProblemDetail problem =
                switch (status) {
                    case 400 -> Problems.of(Problems.INVALID_REQUEST, "The request is not valid.");
                    case 401 -> Problems.of(Problems.UNAUTHENTICATED, "A valid bearer token is required.");
                    case 403 -> Problems.of(Problems.FORBIDDEN, "Your token does not allow this request.");
                    case 404 -> Problems.of(NotFound.TYPE, "There is nothing at this address.");
                    case 405 -> Problems.of(Problems.METHOD_NOT_ALLOWED, "This address does not support that method.");
                    case 413 -> ProblemResponses.tooLarge();
                    case 415 ->
                        Problems.of(Problems.UNSUPPORTED_MEDIA_TYPE, "The body's media type is not supported here.");
                    case 503 ->
                        Problems.of(
                                Problems.SERVICE_UNAVAILABLE, "The hub is temporarily unavailable. Try again shortly.");
                    default ->
                        status >= 400 && status < 500
                                ? Problems.clientError(status)
                                : Problems.of(Problems.INTERNAL_ERROR, "The hub could not complete the request.");
                };
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
