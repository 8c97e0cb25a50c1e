package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventIdTests {

    @Test
    void aNewIdIsAVersion7UuidCarryingTheCurrentTimeInMilliseconds() {
        long before = System.currentTimeMillis();
        UUID id = AuditEvent.newId();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsFromALaterMillisecondSortAfterEarlierOnesAsPostgresqlComparesThem() throws InterruptedException {
        UUID earlier = AuditEvent.newId();
        long millisecond = earlier.getMostSignificantBits() >>> 16;
        while (System.currentTimeMillis() == millisecond) {
            Thread.sleep(1);
        }
        UUID later = AuditEvent.newId();

        // PostgreSQL orders uuid values byte by byte, as their text forms sort
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void newIdsDoNotRepeat() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(AuditEvent.newId());
        }
        assertThat(ids).hasSize(200_000);
    }
}
