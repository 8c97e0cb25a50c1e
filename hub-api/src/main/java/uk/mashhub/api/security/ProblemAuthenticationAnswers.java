package uk.mashhub.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import uk.mashhub.api.problem.ProblemWriter;
import uk.mashhub.api.problem.Problems;

/**
 * The 401 and 403 answers: the RFC 6750 {@code WWW-Authenticate} header from Spring Security, and
 * a problem body from the hub. Why a token was refused is not spelled out beyond "expired", "not
 * valid" or "not a well-formed bearer header": the details help an attacker more than a legitimate
 * client.
 */
@Component
class ProblemAuthenticationAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;

    ProblemAuthenticationAnswers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        if (failure instanceof InvalidBearerTokenException invalid) {
            boolean expired =
                    invalid.getMessage() != null && invalid.getMessage().contains("expired");
            problems.write(
                    response,
                    Problems.of(
                            Problems.INVALID_TOKEN,
                            expired
                                    ? "The bearer token has expired; get a new one from the identity provider."
                                    : "The bearer token is not valid for this hub (signature, issuer, audience, algorithm or claims)."));
        } else if (failure instanceof BearerTokenHeader.Malformed) {
            problems.write(
                    response,
                    Problems.of(
                            Problems.INVALID_TOKEN,
                            "The Authorization header does not hold a well-formed bearer token: \"Bearer\", one space, then the token."));
        } else {
            problems.write(
                    response,
                    Problems.of(
                            Problems.UNAUTHENTICATED,
                            "This request needs a bearer token from the hub's identity provider."));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
            throws IOException {
        denied.handle(request, response, failure);
        problems.write(response, Problems.of(Problems.FORBIDDEN, "Your token does not allow this request."));
    }
}
