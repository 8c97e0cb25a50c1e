package uk.mashhub.consent.override;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long overrides may last: local policy, so configuration.
 *
 * @param maxOverride the longest an override may be recorded for
 * @param maxBreakGlass the longest a break-glass may be recorded for (an emergency is short)
 */
@ConfigurationProperties("hub.consent.overrides")
record OverrideLimits(
        @DefaultValue("90d") Duration maxOverride,
        @DefaultValue("72h") Duration maxBreakGlass) {

    OverrideLimits {
        if (maxOverride.isNegative() || maxOverride.isZero() || maxBreakGlass.isNegative() || maxBreakGlass.isZero()) {
            throw new IllegalArgumentException("override limits must be positive");
        }
    }

    Duration max(OverrideKind kind) {
        return kind == OverrideKind.BREAK_GLASS ? maxBreakGlass : maxOverride;
    }
}
