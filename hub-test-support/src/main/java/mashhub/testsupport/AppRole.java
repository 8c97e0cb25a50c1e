package mashhub.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's application database role, as production runs it: it logs in and reads and writes
 * the modules' tables, but owns nothing — the schema is migrated by the owner (here the server's
 * superuser) and the audit log only accepts INSERT and SELECT from it. Created once on the test
 * server (roles belong to the whole cluster); each database's grants come from the changelogs.
 */
public final class AppRole {

    public static final String NAME = "mash_hub_app";
    public static final String PASSWORD = "mash-hub-app-test";

    private static boolean created;

    private AppRole() {}

    /** Creates the role on the server unless it exists. */
    public static synchronized void ensure(String ownerJdbcUrl, String owner, String ownerPassword) {
        if (created) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(ownerJdbcUrl, owner, ownerPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN
                        CREATE ROLE %s LOGIN PASSWORD '%s';
                      END IF;
                    END $$""".formatted(NAME, NAME, PASSWORD));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application role " + NAME, e);
        }
        created = true;
    }

    /**
     * Spring properties that connect the hub as the application role and migrate as the owner.
     */
    public static Map<String, Object> properties(String jdbcUrl, String owner, String ownerPassword) {
        ensure(jdbcUrl, owner, ownerPassword);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", withoutCredentials(jdbcUrl));
        properties.put("spring.datasource.username", NAME);
        properties.put("spring.datasource.password", PASSWORD);
        properties.put("spring.liquibase.user", owner);
        properties.put("spring.liquibase.password", ownerPassword);
        properties.put("spring.liquibase.parameters.app_role", NAME);
        return properties;
    }

    /** The URL without {@code user} / {@code password} parameters, which would override the role. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.startsWith("user=") && !parameter.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
