package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The basis check may skip the frequent event types only where the partial index does: its query
 * repeats the index's predicate, which must be the changelog's word for word (else PostgreSQL
 * cannot use the index) and name exactly the types the code treats as frequent (else a change of a
 * type left out of one of them would be missed, or read slowly).
 */
class ChangesIndexTests {

    @Test
    void theQueryRepeatsThePartialIndexPredicateOfTheChangelogWordForWord() throws Exception {
        String changelog;
        try (InputStream in = AuditLog.class.getResourceAsStream("/db/audit/changelog.yaml")) {
            changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        }

        assertThat(changelog).contains("ON audit.audit_event (sequence) WHERE " + AuditLog.CHANGES + " ");
        assertThat(AuditLog.CHANGES)
                .isEqualTo("type NOT IN ('RecordReleased', 'ReleaseDenied', 'ReleaseRefused', 'RecordContributed',"
                        + " 'ChainCheckpointSigned')");
    }
}
