package uk.mashhub.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import uk.mashhub.audit.reader.StreamReader;

/** Waits for the auditor read model, which applies the disclosure stream a moment after the log. */
public final class ReadModels {

    private ReadModels() {}

    /** Returns once the read model has applied {@code sequence}; fails after 30 s. */
    public static void awaitPosition(StreamReader reader, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reader.status().position() < sequence) {
            assertThat(System.nanoTime())
                    .as("the read model reaches " + sequence)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
