package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import mashhub.testsupport.InfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = AuditModuleTestApplication.class)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
class CopyRowsIntegrationTests {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    CopyRowsIntegrationTests(@Autowired JdbcTemplate jdbc, @Autowired TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Copies {@code values} into a temporary table, one row each, and reads them back in order. */
    private List<String> roundTrip(List<String> values) {
        return transaction.execute(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE copied (value text, n int, bytes bytea) ON COMMIT DROP");
            CopyRows rows = new CopyRows(1024);
            for (int i = 0; i < values.size(); i++) {
                rows.value(values.get(i)).value(i).bytesFromHex("00ff").endRow();
            }
            jdbc.execute((java.sql.Connection connection) -> {
                rows.copy(connection, "COPY copied (value, n, bytes) FROM STDIN");
                return null;
            });
            assertThat(jdbc.queryForList("SELECT encode(bytes, 'hex') FROM copied", String.class))
                    .containsOnly("00ff");
            return jdbc.queryForList("SELECT value FROM copied ORDER BY n", String.class);
        });
    }

    @Test
    void keepsCharactersOutsideTheBasicPlaneWhereverTheyFallInALargeCopy() {
        // a surrogate pair at and around char 65,536 of the COPY text, where an encoder working in
        // 64K-char chunks would split it; each its own COPY, so the offset is exact
        for (int offset = 65_530; offset < 65_540; offset++) {
            String value = "x".repeat(offset) + "😀 ✓ \uD834\uDD1E";

            assertThat(roundTrip(List.of(value)))
                    .as("a pair at char %d", offset)
                    .containsExactly(value);
        }
    }

    @Test
    void keepsWhatCopysTextFormatGivesAMeaningOf() {
        List<String> values = List.of(
                "back\\slash",
                "tab\there",
                "new\nline",
                "carriage\rreturn",
                "\\N",
                "\\.",
                "",
                "\\start",
                "end\\",
                "\t\n\r\\",
                "a\tb\nc\rd",
                "plain text, nothing to escape");

        assertThat(roundTrip(values)).containsExactlyElementsOf(values);
    }

    @Test
    void writesNullAsSqlNull() {
        List<String> values = new ArrayList<>();
        values.add(null);

        assertThat(roundTrip(values)).containsExactly((String) null);
    }
}
