package mashhub.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The test database as its owner (the server's superuser) sees it: for tests that must act behind
 * the hub's back — break the audit log, change a trigger — which the hub's own role cannot.
 */
public final class DatabaseOwner {

    private DatabaseOwner() {}

    /** A client on a connection of its own, as the owner; each statement commits on its own. */
    public static JdbcClient jdbc() {
        var servers = TestInfrastructure.servers();
        var dataSource =
                new SingleConnectionDataSource(servers.jdbcUrl(), servers.username(), servers.password(), true);
        return JdbcClient.create(dataSource);
    }
}
