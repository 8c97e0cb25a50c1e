package uk.mashhub.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its default rules, checked without regular expressions.
 * The firewall checks a header's name and value each time anything reads it; its default
 * expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and the same allowing a tab in
 * values) cost 4 % of a release's CPU, mostly on the bearer token. The loops here accept exactly
 * what those expressions accept (RequestFirewallTests compares this firewall with the default one, code
 * point by code point).
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewall {

    @Bean
    WebSecurityCustomizer strictFirewall() {
        StrictHttpFirewall firewall = firewall();
        return web -> web.httpFirewall(firewall);
    }

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(RequestFirewall::assignedAndNotControl);
        firewall.setAllowedHeaderValues(RequestFirewall::assignedAndNotControlOrTab);
        firewall.setAllowedParameterNames(RequestFirewall::assignedAndNotControl);
        // the hub's own rule (Spring's default accepts any value): PostgreSQL cannot store a NUL,
        // so a query or form value holding one is refused here rather than by the database
        firewall.setAllowedParameterValues(value -> value.indexOf('\0') < 0);
        return firewall;
    }

    /** Every code point is assigned in Unicode and is not a control character. */
    static boolean assignedAndNotControl(String text) {
        return allowed(text, false);
    }

    /** As {@link #assignedAndNotControl}, but a tab is allowed too (header values). */
    static boolean assignedAndNotControlOrTab(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint >= 0x20 && codePoint < 0x7f) {
                i++;
                continue; // printable ASCII: nearly every character of every header
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
