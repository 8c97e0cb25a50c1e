package uk.mashhub.api.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages around signing in: the start page (with why the person is there again — a failed
 * sign-in, an ended session), the page after signing out, and the page for a page their role may
 * not open.
 */
@PageController
class SignInPages {

    @GetMapping("/sign-in")
    String signIn(
            @RequestParam(required = false) @Nullable String failed,
            @RequestParam(required = false) @Nullable String ended,
            @Nullable Authentication authentication) {
        if (failed == null && ended == null && authentication != null && authentication.isAuthenticated()) {
            return "redirect:/";
        }
        return "sign-in";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    // any method: a form posted without a CSRF token is forwarded here as a POST
    @RequestMapping("/forbidden")
    String forbidden(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        return "errors/forbidden";
    }
}
