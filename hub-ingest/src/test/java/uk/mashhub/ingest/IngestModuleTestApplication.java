package uk.mashhub.ingest;

import java.time.Instant;
import mashhub.testsupport.MutableClock;
import mashhub.testsupport.StatementCounter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Boots the ingest module on its own, with the audit module it hands events to, for its integration tests. */
@SpringBootApplication(scanBasePackages = {"uk.mashhub.ingest", "uk.mashhub.audit"})
class IngestModuleTestApplication {

    static final Instant START = Instant.parse("2027-03-10T10:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(START);
    }

    @Bean
    static StatementCounter statementCounter() {
        return new StatementCounter();
    }
}
