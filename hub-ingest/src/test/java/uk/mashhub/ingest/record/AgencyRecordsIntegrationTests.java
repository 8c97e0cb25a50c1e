package uk.mashhub.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.ingest.IngestIntegrationTest;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.Sex;
import uk.mashhub.ingest.referral.PersonReport;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;

@IngestIntegrationTest
class AgencyRecordsIntegrationTests {

    private static final Actor POLICE = new Actor(new AgencyId("northshire-police"), "police-system");

    private final AgencyRecords records;
    private final JdbcClient jdbc;

    AgencyRecordsIntegrationTests(@Autowired AgencyRecords records, @Autowired JdbcClient jdbc) {
        this.records = records;
        this.jdbc = jdbc;
    }

    private static RecordSubmission about(LocalDate born, String source) {
        return new RecordSubmission(
                new PersonReport(
                        "PNC-" + UUID.randomUUID(),
                        new Demographics(
                                "Kai",
                                "Batch" + UUID.randomUUID().toString().replaceAll("[^a-f]", ""),
                                born,
                                Sex.MALE,
                                null,
                                null),
                        null),
                DataCategory.POLICE_INCIDENTS,
                Map.of("incidentType", "theft"),
                Set.of(),
                source,
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    private long keptFrom(String source) {
        return jdbc.sql("SELECT count(*) FROM ingest.agency_record WHERE source_reference = ?")
                .param(source)
                .query(Long.class)
                .single();
    }

    @Test
    void batchesOverTheSameBirthDatesInOppositeOrdersDoNotDeadlock() throws Exception {
        List<LocalDate> births = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            births.add(LocalDate.of(1991, 7, day));
        }
        String source = "DEADLOCK-" + UUID.randomUUID();
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> batches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<LocalDate> order = new ArrayList<>(births);
                if (i % 2 == 1) {
                    Collections.reverse(order);
                }
                batches.add(executor.submit(() -> {
                    start.await();
                    return records.contributeAll(
                                    order.stream()
                                            .map(born -> about(born, source))
                                            .toList(),
                                    POLICE)
                            .size();
                }));
            }
            start.countDown();
            for (Future<Integer> batch : batches) {
                assertThat(batch.get()).isEqualTo(20);
            }
        }
        assertThat(keptFrom(source)).isEqualTo(160);
    }

    @Test
    void aBatchWithOneImpossibleRecordKeepsNothing() {
        String source = "WHOLE-" + UUID.randomUUID();
        List<RecordSubmission> batch =
                List.of(about(LocalDate.of(1992, 1, 1), source), about(LocalDate.of(2999, 1, 1), source));

        assertThatThrownBy(() -> records.contributeAll(batch, POLICE)).isInstanceOf(InvalidValue.class);
        assertThat(keptFrom(source)).isZero();
    }

    @Test
    void aBatchTheDatabaseRefusesAfterItsFirstWritesKeepsNothingAndLeavesItsBatchIdFree() {
        String source = "PARTWAY-" + UUID.randomUUID();
        RecordSubmission first = about(LocalDate.of(1995, 5, 5), source);
        RecordSubmission second = about(LocalDate.of(1995, 5, 6), source);
        // a value PostgreSQL's jsonb cannot hold: only the statement writing the records reads the values, after
        // the batch id was recorded and the subjects' persons and identities were written in the transaction
        RecordSubmission unstorable = new RecordSubmission(
                second.subject(),
                second.category(),
                Map.of("incidentType", "theft\0"),
                Set.of(),
                source,
                second.recordedAt());

        assertThatThrownBy(() -> records.contributeOnce(source, List.of(first, unstorable), POLICE))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("INSERT INTO ingest.agency_record");

        assertThat(keptFrom(source)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.person_identity WHERE agency_id = ? AND local_id IN (?, ?)")
                        .params(
                                POLICE.agency().value(),
                                first.subject().localId(),
                                second.subject().localId())
                        .query(Long.class)
                        .single())
                .as("the subjects' identities, written before the records")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.inbound_batch WHERE agency_id = ? AND batch_id = ?")
                        .params(POLICE.agency().value(), source)
                        .query(Long.class)
                        .single())
                .as("the batch id, recorded first")
                .isZero();
        assertThat(records.contributeOnce(source, List.of(first, second), POLICE))
                .as("the batch sent again under its id, corrected")
                .hasSize(2);
        assertThat(keptFrom(source)).isEqualTo(2);
    }

    @Test
    void onlyTheProviderReadsARecord() {
        AgencyRecord record = records.contribute(about(LocalDate.of(1993, 3, 3), "FIREWALL"), POLICE);

        assertThat(records.find(record.id(), POLICE.agency())).isPresent();
        assertThat(records.find(record.id(), new AgencyId("northshire-health"))).isEmpty();
    }

    @Test
    void aRedeliveredBatchIdKeepsNothingTwice() {
        String source = "ONCE-" + UUID.randomUUID();
        List<RecordSubmission> batch = List.of(about(LocalDate.of(1994, 4, 4), source));

        List<AgencyRecord> kept = records.contributeOnce(source, batch, POLICE);
        assertThat(kept).hasSize(1);
        assertThat(records.contributeOnce(source, batch, POLICE)).isEmpty();
        assertThat(keptFrom(source)).isOne();
        assertThat(records.keptBefore(POLICE.agency(), source))
                .as("what the first delivery kept, for answering the redelivery")
                .containsExactly(kept.getFirst().id());
        assertThat(records.keptBefore(new AgencyId("northshire-health"), source))
                .as("another agency's batch of the same id")
                .isEmpty();
    }

    @Test
    void refusesAReusedBatchIdWithOtherContent() {
        String batchId = "REUSED-" + UUID.randomUUID();
        List<AgencyRecord> kept =
                records.contributeOnce(batchId, List.of(about(LocalDate.of(1996, 6, 6), batchId)), POLICE);

        assertThatThrownBy(() ->
                        records.contributeOnce(batchId, List.of(about(LocalDate.of(1996, 6, 7), batchId)), POLICE))
                .isInstanceOfSatisfying(HubProblem.class, problem -> assertThat(problem.type())
                        .isEqualTo(AgencyRecords.BATCH_ID_REUSED));
        assertThat(keptFrom(batchId)).isOne();
        assertThat(records.keptBefore(POLICE.agency(), batchId))
                .containsExactly(kept.getFirst().id());
    }

    @Test
    void theSameRecordsWithTheirFieldsInAnotherOrderAreARedelivery() {
        String batchId = "REORDERED-" + UUID.randomUUID();
        RecordSubmission record = about(LocalDate.of(1997, 7, 7), batchId);
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("incidentType", "theft");
        fields.put("officers", 2);
        fields.put("childPresent", true);
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("childPresent", true);
        reordered.put("incidentType", "theft");
        reordered.put("officers", 2);

        records.contributeOnce(
                batchId, List.of(withFields(record, fields, List.of("incidentType", "officers"))), POLICE);

        assertThat(records.contributeOnce(
                        batchId, List.of(withFields(record, reordered, List.of("officers", "incidentType"))), POLICE))
                .isEmpty();
        assertThat(keptFrom(batchId)).isOne();
    }

    private static RecordSubmission withFields(
            RecordSubmission record, Map<String, Object> fields, List<String> special) {
        return new RecordSubmission(
                record.subject(),
                record.category(),
                fields,
                new java.util.LinkedHashSet<>(special),
                record.sourceReference(),
                record.recordedAt());
    }
}
