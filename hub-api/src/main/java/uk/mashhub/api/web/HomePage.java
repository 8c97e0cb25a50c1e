package uk.mashhub.api.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The first page after signing in: the sections the person's role opens, each with what it is for. */
@PageController
class HomePage {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
