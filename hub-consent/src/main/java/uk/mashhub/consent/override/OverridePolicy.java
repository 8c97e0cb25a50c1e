package uk.mashhub.consent.override;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The partnership's local policy for overrides, so configuration.
 *
 * @param maxOverride the longest an override may be recorded for
 * @param maxBreakGlass the longest a break-glass may be recorded for (an emergency is short)
 * @param gateways the legal gateways an override or break-glass may cite: a controlled list, because
 *     the citation goes into the permanent audit log, where free text could hold a name for ever
 */
@ConfigurationProperties("hub.consent.overrides")
record OverridePolicy(
        @DefaultValue("90d") Duration maxOverride,
        @DefaultValue("72h") Duration maxBreakGlass,

        @DefaultValue({
            "Children Act 1989 s17",
            "Children Act 1989 s47",
            "Children Act 2004 s10",
            "Children Act 2004 s11",
            "Care Act 2014 s42",
            "Crime and Disorder Act 1998 s115",
            "Data Protection Act 2018 Sch 1 Pt 2 para 18",
            "Common law: disclosure in the public interest to prevent serious harm"
        })
        List<String> gateways) {

    OverridePolicy {
        if (maxOverride.isNegative() || maxOverride.isZero() || maxBreakGlass.isNegative() || maxBreakGlass.isZero()) {
            throw new IllegalArgumentException("override limits must be positive");
        }
        if (gateways.isEmpty()
                || gateways.stream().anyMatch(gateway -> gateway.isBlank() || gateway.length() > 200)
                || new HashSet<>(gateways).size() != gateways.size()) {
            throw new IllegalArgumentException(
                    "hub.consent.overrides.gateways must list at least one legal gateway, each once, 1 to 200 characters");
        }
        gateways = List.copyOf(gateways);
    }

    Duration max(OverrideKind kind) {
        return kind == OverrideKind.BREAK_GLASS ? maxBreakGlass : maxOverride;
    }
}
