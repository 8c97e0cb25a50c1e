package uk.mashhub.api.person;

import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.api.web.PageController;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.kernel.NotFound;

/**
 * The possible-match review queue: what an agency reported beside the person the hub already
 * knows, for a practitioner to say "the same person" (link) or "different people" (never suggested
 * again). A wrong link is worse than a missed one, so nothing links here without that choice.
 */
@PageController
class MatchReviewPages {

    static final int SHOWN = 50;

    private final Persons persons;

    MatchReviewPages(Persons persons) {
        this.persons = persons;
    }

    @GetMapping("/matches")
    String queue(Model model) {
        model.addAttribute("matches", persons.reviewQueue(SHOWN));
        return "matches/queue";
    }

    @PostMapping("/matches/{matchId}/confirmation")
    String confirm(@PathVariable String matchId, HubCaller caller, RedirectAttributes redirect) {
        persons.confirm(id(matchId), caller.actor());
        redirect.addFlashAttribute("done", "Linked: the hub now treats them as the same person.");
        return "redirect:/matches";
    }

    @PostMapping("/matches/{matchId}/rejection")
    String reject(@PathVariable String matchId, HubCaller caller, RedirectAttributes redirect) {
        persons.reject(id(matchId), caller.actor());
        redirect.addFlashAttribute("done", "Kept apart: the hub will not suggest this pair again.");
        return "redirect:/matches";
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            throw new NotFound("possible match");
        }
    }
}
