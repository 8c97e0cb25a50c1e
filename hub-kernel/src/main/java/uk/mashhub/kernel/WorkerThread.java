package uk.mashhub.kernel;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The one thread of a background worker (the audit relay, the group-commit writer, the audit
 * stream reader): a named daemon platform thread, started with the application ({@link
 * WorkerPhase}) and awaited when it stops.
 */
public final class WorkerThread {

    private static final Duration AWAIT_END = Duration.ofSeconds(10);

    private final String name;
    private volatile @Nullable Thread thread;

    public WorkerThread(String name) {
        this.name = name;
    }

    /** Runs {@code work} on a new thread; refused while the previous one has not ended. */
    public synchronized void start(Runnable work) {
        Thread previous = thread;
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException("the previous " + name + " thread has not ended");
        }
        Thread started = Thread.ofPlatform().name(name).daemon().unstarted(work);
        thread = started;
        started.start();
    }

    /**
     * Waits up to ten seconds for the thread to end (its work watches a flag the caller has
     * cleared); {@code interrupt} wakes it first from a wait it would otherwise finish.
     */
    public void awaitEnd(boolean interrupt) {
        Thread running = thread;
        if (running == null) {
            return;
        }
        if (interrupt) {
            running.interrupt();
        }
        try {
            running.join(AWAIT_END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
