package uk.mashhub.kernel;

/** When the hub's background workers start and stop, relative to the web server. */
public final class WorkerPhase {

    /**
     * Before the web server starts (Spring Boot starts it at {@code Integer.MAX_VALUE - 2048}) and
     * after it has stopped, so no request meets a worker that is not running: the group commit
     * answers every release the server accepted, and the relay and reader run while it does.
     */
    public static final int BEFORE_THE_WEB_SERVER = Integer.MAX_VALUE - 4096;

    private WorkerPhase() {}
}
