package uk.mashhub.api.web;

import java.util.ArrayList;
import java.util.List;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.kernel.HubScope;

/**
 * What the layout shows a signed-in person: their name and agency, and the sections their scopes
 * open — never a link to a page they would be refused.
 */
public record Navigation(String name, String agency, List<Link> links) {

    /** One section of the service; {@code current} when the page shown belongs to it. */
    public record Link(String href, String text, boolean current) {}

    static Navigation of(HubCaller caller, String name, String agencyName, String path) {
        List<Link> links = new ArrayList<>();
        if (caller.scopes().contains(HubScope.TRIAGE)) {
            links.add(link("/referrals", "Triage queue", path));
            links.add(link("/matches", "Possible matches", path));
        }
        if (caller.scopes().contains(HubScope.GOVERN) || caller.scopes().contains(HubScope.REVIEW)) {
            links.add(link("/agreements", "Agreements", path));
        }
        if (caller.scopes().contains(HubScope.REVIEW)) {
            links.add(link("/overrides", "Override reviews", path));
        }
        if (caller.scopes().contains(HubScope.AUDIT)) {
            links.add(link("/audit", "Disclosure log", path));
        }
        return new Navigation(name, agencyName, List.copyOf(links));
    }

    private static Link link(String href, String text, String path) {
        return new Link(href, text, path.equals(href) || path.startsWith(href + "/"));
    }
}
