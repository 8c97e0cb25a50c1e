package uk.mashhub.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Failures outside Spring MVC (the servlet container's error dispatch) for a browser asking for
 * HTML: a GOV.UK error page. Everything else still gets the API's problem document.
 */
// the container's error dispatch, not an operation of the API
@Hidden
@PageController
class PageErrorController {

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.TEXT_HTML_VALUE)
    String error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        response.setStatus(status);
        return switch (status) {
            case 403 -> "errors/forbidden";
            case 404, 405 -> "errors/not-found";
            default -> status >= 500 ? "errors/unavailable" : "errors/bad-request";
        };
    }
}
