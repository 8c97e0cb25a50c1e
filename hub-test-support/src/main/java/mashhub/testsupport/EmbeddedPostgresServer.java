package mashhub.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (zonky's embedded binaries), started in a data directory we choose.
 *
 * <p>With {@code keepData} the data directory survives a stop and the next start reuses it; that
 * is what the local run needs. Tests use a throw-away directory under {@code target/}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, Path workDirectory, int port, boolean keepData) {
        try {
            Files.createDirectories(workDirectory);
            Files.createDirectories(dataDirectory.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDirectory.toFile())
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(!keepData)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("idle_in_transaction_session_timeout", "60000");
        if (keepData) {
            // zonky trades durability for speed (fsync off); data meant to survive must not
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        try {
            this.postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** Starts PostgreSQL; {@code port} 0 picks a free one. */
    public static EmbeddedPostgresServer start(Path dataDirectory, Path workDirectory, int port, boolean keepData) {
        return new EmbeddedPostgresServer(dataDirectory, workDirectory, port, keepData);
    }

    /** Starts a throw-away PostgreSQL below {@code java.io.tmpdir} (which the build points into target/). */
    public static EmbeddedPostgresServer startThrowAway() {
        Path tmp = new File(System.getProperty("java.io.tmpdir")).toPath().toAbsolutePath();
        Path data = tmp.resolve("embedded-pg-" + ProcessHandle.current().pid());
        return start(data, tmp.resolve("embedded-pg-binaries"), 0, false);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
