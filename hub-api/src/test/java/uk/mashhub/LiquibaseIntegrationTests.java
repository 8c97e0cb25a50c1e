package uk.mashhub;

import static org.assertj.core.api.Assertions.assertThat;

import mashhub.testsupport.DatabaseOwner;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubIntegrationTest
class LiquibaseIntegrationTests {

    private final JdbcClient jdbc;

    LiquibaseIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Test
    void createsOneSchemaPerModule() {
        var schemas = jdbc.sql("SELECT schema_name FROM information_schema.schemata")
                .query(String.class)
                .list();

        assertThat(schemas).contains("audit", "consent", "ingest");
    }

    @Test
    void appliesEveryModulesChangelogThroughTheMasterChangelog() {
        // Liquibase's own tables belong to the owner that migrates; the hub's role cannot read them
        var applied = DatabaseOwner.jdbc()
                .sql("SELECT id FROM databasechangelog ORDER BY orderexecuted")
                .query(String.class)
                .list();

        assertThat(applied)
                .containsSubsequence("audit-0001-schema", "consent-0001-schema", "ingest-0001-schema")
                .contains("consent-0002-agency", "audit-0002-audit-event");
    }

    @Test
    void theDatabaseItselfRefusesAMalformedAgency() {
        var refused = org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql(
                        "INSERT INTO consent.agency (id, name, type, status) VALUES ('Bad Id', 'x', 'POLICE', 'ACTIVE')")
                .update());

        assertThat(refused).isNotNull();
    }
}
