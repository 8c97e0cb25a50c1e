package uk.mashhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerThreadTests {

    private final WorkerThread worker = new WorkerThread("test-worker");

    @Test
    void runsTheWorkOnANamedDaemonThread() throws InterruptedException {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);

        worker.start(() -> {
            ran.set(Thread.currentThread());
            done.countDown();
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get().getName()).isEqualTo("test-worker");
        assertThat(ran.get().isDaemon()).isTrue();
    }

    @Test
    void refusesASecondThreadWhileTheFirstHasNotEndedAndStartsOneAfterwards() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        worker.start(() -> awaitQuietly(release));

        assertThatThrownBy(() -> worker.start(() -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-worker");

        release.countDown();
        worker.awaitEnd(false);
        CountDownLatch second = new CountDownLatch(1);
        worker.start(second::countDown);
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void interruptsAWaitingThreadWhenAskedAndWaitsForItToEnd() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch never = new CountDownLatch(1);
        worker.start(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });

        worker.awaitEnd(true);

        assertThat(interrupted).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
