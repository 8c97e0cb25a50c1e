package uk.mashhub.api.problem;

import java.time.Duration;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Agencies' clocks are not the hub's: "in the past or present" (a record's {@code recordedAt}, a
 * date of birth) allows them to run this far ahead before a value is refused as in the future.
 */
@Configuration(proxyBeanMethods = false)
class ClockDrift {

    static final Duration TOLERATED = Duration.ofMinutes(5);

    @Bean
    ValidationConfigurationCustomizer toleratesClockDrift() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.temporalValidationTolerance(TOLERATED);
            }
        };
    }
}
