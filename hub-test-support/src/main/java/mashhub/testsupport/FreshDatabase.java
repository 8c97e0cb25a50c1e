package mashhub.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * An empty database of its own on the shared test PostgreSQL server, for tests that must not share
 * state with the rest of the JVM's tests — such as tampering with the audit chain, or running two
 * hub instances against one database from the first event on.
 */
public final class FreshDatabase {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private FreshDatabase() {}

    /** Drops {@code name} if it exists, creates it empty and returns its JDBC URL. */
    public static String create(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a test database name is lower-case letters, digits and _");
        }
        var servers = TestInfrastructure.servers();
        try (Connection connection =
                        DriverManager.getConnection(servers.jdbcUrl(), servers.username(), servers.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return urlOf(servers.jdbcUrl(), name);
    }

    /** The JDBC URL of database {@code name} on the shared test server (one {@link #create} made). */
    public static String url(String name) {
        return urlOf(TestInfrastructure.servers().jdbcUrl(), name);
    }

    /** The JDBC URL of {@code database} on the server {@code serverUrl} points at. */
    public static String urlOf(String serverUrl, String database) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }
}
