package uk.mashhub.ingest.signal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When contacts add up to a concern: at least {@code minContacts} referrals and records about the
 * person, from at least {@code minAgencies} different agencies, within {@code window}. Local policy.
 */
@ConfigurationProperties("hub.ingest.signal")
public record SignalPolicy(
        @DefaultValue("90d") Duration window,
        @DefaultValue("3") int minContacts,
        @DefaultValue("2") int minAgencies) {

    public SignalPolicy {
        if (window.isNegative() || window.isZero() || minContacts < 1 || minAgencies < 1) {
            throw new IllegalArgumentException("hub.ingest.signal needs a positive window and thresholds");
        }
    }
}
