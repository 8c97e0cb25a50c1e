package mashhub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in a separate
 * child JVM, so that a test can take Kafka away in the middle of a run and bring it back.
 *
 * <p>It exists because the in-JVM {@link org.springframework.kafka.test.EmbeddedKafkaKraftBroker}
 * (behind {@link EmbeddedKafkaServer}) cannot be stopped and started again: it picks new ports and
 * a new temporary log directory every time. This broker keeps the same listener port, the same
 * controller port and the same log directory under the work directory for its whole life, so
 * clients configured with {@link #bootstrapServers()} reconnect after {@link #restart()} and the
 * topics and messages written before {@link #stop()} are still there.
 *
 * <p>The child JVM runs with the test JVM's own class path ({@code java.class.path}, which carries
 * {@code kafka_2.13} and logback through {@code spring-boot-starter-kafka-test}), a 512 MB heap
 * and a logback configuration of its own. Its output goes to {@link #logFile()}. It is killed by
 * {@link #close()}, by a shutdown hook of the test JVM and, should the test JVM die without running
 * its shutdown hooks, by itself as soon as it sees that the test JVM has gone.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final String LOOPBACK = "127.0.0.1";

    private static final String LOGBACK_CONFIGURATION = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka.common.config" level="WARN"/>
              <logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path workDirectory;

    private final int port;

    private final int controllerPort;

    private final Path configFile;

    private final Path logFile;

    private final Path argumentFile;

    private final Thread shutdownHook;

    // read without the lock by the shutdown hook, which must not wait for a start in progress
    private volatile @Nullable Process process;

    private boolean closed;

    private KafkaBrokerProcess(Path workDirectory, int port, int controllerPort) {
        this.workDirectory = workDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.configFile = workDirectory.resolve("server.properties");
        this.logFile = workDirectory.resolve("broker.log");
        this.argumentFile = workDirectory.resolve("java-arguments.txt");
        this.shutdownHook = new Thread(this::kill, "kafka-broker-process-shutdown");
    }

    /**
     * Starts a broker on two free ports with its configuration, its log directory and its output
     * below {@code workDirectory}, and waits until it answers an admin client. The storage is
     * formatted only if the log directory has not been formatted before, so a work directory left by
     * an earlier broker keeps its topics (the ports are new, though).
     *
     * @throws IllegalStateException if the broker does not come up within 60 seconds
     */
    public static KafkaBrokerProcess start(Path workDirectory) {
        var directory = workDirectory.toAbsolutePath();
        int port;
        int controllerPort;
        try (var first = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                var second = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            port = first.getLocalPort();
            controllerPort = second.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports for a Kafka broker", e);
        }
        var broker = new KafkaBrokerProcess(directory, port, controllerPort);
        broker.prepare();
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            broker.start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:port}: the same for the whole life of this broker, across restarts. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    /** The file the broker's output (from every start) is appended to. */
    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the broker again, on the same ports and with the same log directory, after {@link
     * #stop()}, and waits until it answers an admin client. Does nothing if it is running.
     *
     * @throws IllegalStateException if the broker does not come up within 60 seconds, or it has
     *     been closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("The Kafka broker in " + workDirectory + " has been closed");
        }
        if (isRunning()) {
            return;
        }
        waitUntilPortsAreFree();
        try {
            Files.writeString(
                    logFile,
                    "%n===== starting the broker on %s =====%n".formatted(bootstrapServers()),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(javaCommand(
                            "-Xmx512m",
                            "-Xms64m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-Djava.awt.headless=true",
                            "--sun-misc-unsafe-memory-access=allow",
                            "-Dlogback.configurationFile=" + workDirectory.resolve("logback-broker.xml"),
                            "-D" + ParentWatchdog.PARENT_PID + "="
                                    + ProcessHandle.current().pid(),
                            ParentWatchdog.class.getName(),
                            configFile.toString()))
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Kafka broker in " + workDirectory, e);
        }
        waitUntilReady();
    }

    /**
     * Kills the broker, as a crash or a lost machine would, and waits until it has gone and both its
     * ports are free. Messages acknowledged before are kept: they are in the operating system's
     * page cache even when the broker had not flushed them. Does nothing if it is not running.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(process, STOP_TIMEOUT);
        process = null;
        waitUntilPortsAreFree();
    }

    /**
     * Asks the broker to shut down cleanly (SIGTERM), kills it if it has not gone within 20 seconds,
     * and waits until both its ports are free.
     */
    public synchronized void stopGracefully() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit(process, STOP_TIMEOUT);
        process = null;
        waitUntilPortsAreFree();
    }

    /** Kills the broker if it is running and starts it again on the same ports and log directory. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Kills the broker; the work directory is left as it is. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left for it to do
        }
    }

    private void kill() {
        var running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private void prepare() {
        var logDirectory = workDirectory.resolve("kraft-logs");
        try {
            Files.createDirectories(logDirectory);
            Files.writeString(configFile, serverProperties(logDirectory), StandardCharsets.UTF_8);
            Files.writeString(
                    workDirectory.resolve("logback-broker.xml"), LOGBACK_CONFIGURATION, StandardCharsets.UTF_8);
            Files.writeString(argumentFile, classPathArgument(), StandardCharsets.UTF_8);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a Kafka broker in " + workDirectory, e);
        }
    }

    private String serverProperties(Path logDirectory) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("node.id", "1");
        properties.put("process.roles", "broker,controller");
        properties.put(
                "listeners",
                "PLAINTEXT://%s:%d,CONTROLLER://%s:%d".formatted(LOOPBACK, port, LOOPBACK, controllerPort));
        properties.put("advertised.listeners", "PLAINTEXT://%s:%d".formatted(LOOPBACK, port));
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("controller.quorum.voters", "1@%s:%d".formatted(LOOPBACK, controllerPort));
        properties.put("log.dirs", logDirectory.toString());
        properties.put("num.partitions", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("auto.create.topics.enable", "false");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // after a kill the controller refuses the new incarnation of the broker until the old one's
        // session has expired: 9 seconds by default
        properties.put("broker.session.timeout.ms", "3000");
        properties.put("broker.heartbeat.interval.ms", "500");
        // the only replica may always lead, even after a kill left it out of the in-sync replicas
        properties.put("unclean.leader.election.enable", "true");
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        var text = new StringBuilder();
        properties.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    private void format() throws IOException {
        var output = workDirectory.resolve("format.log");
        var formatting = new ProcessBuilder(javaCommand(
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "--sun-misc-unsafe-memory-access=allow",
                        "-Dlogback.configurationFile=" + workDirectory.resolve("logback-broker.xml"),
                        "kafka.tools.StorageTool",
                        "format",
                        "--config",
                        configFile.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString()))
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        int exitCode = awaitExit(formatting, READY_TIMEOUT);
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka storage in %s failed (exit code %d):%n%s"
                    .formatted(workDirectory, exitCode, tail(output)));
        }
    }

    private List<String> javaCommand(String... arguments) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the class path goes through an argument file: it can be longer than one command line
        // argument may be
        command.add("@" + argumentFile);
        command.addAll(List.of(arguments));
        return command;
    }

    private static String classPathArgument() {
        var classPath = System.getProperty("java.class.path", "");
        var quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
        return "-cp \"" + quoted + "\"\n";
    }

    private void waitUntilReady() {
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        var running = process;
        if (running == null) {
            throw new IllegalStateException("The Kafka broker in " + workDirectory + " is not running");
        }
        @Nullable Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!running.isAlive()) {
                process = null;
                throw new IllegalStateException("The Kafka broker in %s exited with code %d before it was ready:%n%s"
                        .formatted(workDirectory, running.exitValue(), tail(logFile)));
            }
            if (accepts(port)) {
                try (var admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
                    var nodes = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    lastFailure = e;
                }
            }
            pause();
        }
        running.destroyForcibly();
        awaitExit(running, STOP_TIMEOUT);
        process = null;
        throw new IllegalStateException(
                "The Kafka broker in %s was not ready within %s:%n%s"
                        .formatted(workDirectory, READY_TIMEOUT, tail(logFile)),
                lastFailure);
    }

    private void waitUntilPortsAreFree() {
        var deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!(isFree(port) && isFree(controllerPort))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Port %d or %d is still taken %s after the Kafka broker stopped"
                        .formatted(port, controllerPort, STOP_TIMEOUT));
            }
            pause();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int awaitExit(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Process " + process.pid() + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for process " + process.pid(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static String tail(Path file) {
        try {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The child JVM's main class: halts the broker as soon as the test JVM that started it has gone
     * (even if that JVM was killed and ran no shutdown hooks), then runs {@code kafka.Kafka}.
     */
    static final class ParentWatchdog {

        static final String PARENT_PID = "mashhub.kafka.parent-pid";

        private ParentWatchdog() {}

        public static void main(String[] arguments) {
            var parentPid = Long.getLong(PARENT_PID);
            var parent =
                    (parentPid == null ? ProcessHandle.current().parent() : ProcessHandle.of(parentPid)).orElse(null);
            if (parent == null || !parent.isAlive()) {
                Runtime.getRuntime().halt(3);
                return;
            }
            // Runtime.halt: Kafka's own shutdown hook would try a controlled shutdown first
            Thread.ofPlatform().daemon().name("parent-watchdog").start(() -> {
                try {
                    while (parent.isAlive()) {
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(2);
            });
            kafka.Kafka.main(arguments);
        }
    }
}
