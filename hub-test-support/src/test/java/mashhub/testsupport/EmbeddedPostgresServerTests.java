package mashhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTests {

    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-binaries");

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return "";
            }
            var rows = statement.getResultSet();
            return rows.next() ? rows.getString(1) : "";
        }
    }

    @Test
    void keepsItsDataAcrossARestartWhenAskedTo(@TempDir Path data) throws SQLException {
        try (var first = EmbeddedPostgresServer.start(data.resolve("pg"), BINARIES, 0, true)) {
            query(first, "CREATE TABLE kept (note text)");
            query(first, "INSERT INTO kept VALUES ('still here')");
        }

        try (var second = EmbeddedPostgresServer.start(data.resolve("pg"), BINARIES, 0, true)) {
            assertThat(query(second, "SELECT note FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void startsEmptyWhenNotAskedToKeepData(@TempDir Path data) throws SQLException {
        try (var first = EmbeddedPostgresServer.start(data.resolve("pg"), BINARIES, 0, false)) {
            query(first, "CREATE TABLE gone (note text)");
        }

        try (var second = EmbeddedPostgresServer.start(data.resolve("pg"), BINARIES, 0, false)) {
            assertThat(query(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'gone'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void isARealPostgresqlServer() throws SQLException {
        try (var server = EmbeddedPostgresServer.startThrowAway()) {
            assertThat(query(server, "SELECT version()")).startsWith("PostgreSQL 17");
        }
    }
}
