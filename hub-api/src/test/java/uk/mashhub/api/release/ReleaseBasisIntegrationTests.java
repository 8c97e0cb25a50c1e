package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.token;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.kernel.HubScope;

/**
 * A release is decided from what one read-only transaction sees and audited in the group commit's
 * transaction after it. A change of something the decision read, chained in between, sends the
 * release back to be decided again: the chain never holds a release after a change it did not see.
 */
@HubIntegrationTest
class ReleaseBasisIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final MeterRegistry meters;

    ReleaseBasisIntegrationTests(
            @Autowired JdbcClient jdbc, @Autowired DataSource dataSource, @Autowired MeterRegistry meters) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.meters = meters;
    }

    private static String practitioner() {
        return token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
    }

    private static String askFor(String record) {
        return "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + record + "\"}";
    }

    @Test
    void decidesAgainWhenTheRecordLeftTheCaseBetweenTheDecisionAndItsAudit() throws Exception {
        Http http = new Http(port);
        ReleaseCase aCase = ReleaseCase.create(http, port, jdbc);
        String recordsIdentity = jdbc.sql(
                        "SELECT subject_identity::text FROM ingest.agency_record WHERE id = CAST(? AS uuid)")
                .param(aCase.policeRecord())
                .query(String.class)
                .single();
        double outdatedBefore =
                meters.get("hub.audit.group.commit.outdated").counter().count();
        CompletableFuture<HttpResponse<String>> blocker;
        CompletableFuture<HttpResponse<String>> release;
        CompletableFuture<HttpResponse<String>> unlink;
        try (Connection holder = dataSource.getConnection()) {
            // someone holds the chain head: the group commit's writer takes one release and waits for
            // it, so the release under test is decided (the record still in the case) and then queued
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT 1 FROM audit.chain_head WHERE id = 1 FOR UPDATE");
            blocker = CompletableFuture.supplyAsync(() -> http.send(
                    "POST", aCase.releases(), practitioner(), "application/json", askFor(aCase.otherChildsRecord())));
            awaitUntil(
                    "the writer waits for the chain head",
                    () -> anySession("wait_event_type = 'Lock'" + " AND query LIKE '%chain_head%'"));
            release = CompletableFuture.supplyAsync(() -> http.send(
                    "POST", aCase.releases(), practitioner(), "application/json", askFor(aCase.policeRecord())));
            awaitUntil("the release is queued for the group commit", () -> gauge("hub.audit.group.commit.queued") >= 1);
            // a practitioner undoes the link that put the record in the case; the unlink's
            // transaction waits for the chain head too, ahead of the queued release
            double waitingBefore = gauge("hub.audit.chain.head.waiting");
            unlink = CompletableFuture.supplyAsync(() -> http.send(
                    "POST", "/api/person-identities/" + recordsIdentity + "/unlink", practitioner(), null, ""));
            awaitUntil(
                    "the unlink has made its change",
                    () -> anySession("state = 'idle in transaction'" + " AND query LIKE '%match_review%'"));
            // and one more transaction of this hub (the unlink's: the writer holds the turn) waits for the head
            awaitUntil(
                    "the unlink queues for the chain head",
                    () -> gauge("hub.audit.chain.head.waiting") > waitingBefore);
            holder.rollback();
        }

        assertThat(blocker.get().statusCode()).isEqualTo(200);
        assertThat(unlink.get().statusCode()).as(unlink.get().body()).isEqualTo(200);
        HttpResponse<String> answer = release.get();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode disclosure = Http.json(answer).get("disclosures").get(0);
        assertThat(disclosure.get("decision").asString())
                .as("decided again, the record is no longer about anyone in the case")
                .isEqualTo("DENY");
        assertThat(answer.body()).doesNotContain("Neighbour called", "DOMESTIC");
        long unlinkedAt = jdbc.sql("SELECT max(sequence) FROM audit.audit_event WHERE type = 'PersonUnlinked'")
                .query(Long.class)
                .single();
        assertThat(disclosure.at("/receipt/sequence").asLong()).isGreaterThan(unlinkedAt);
        assertThat(jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = 'RecordReleased'"
                                + " AND details->>'recordId' = ?")
                        .param(aCase.policeRecord())
                        .query(Long.class)
                        .single())
                .as("the first decision, a permit, was never chained")
                .isZero();
        assertThat(meters.get("hub.audit.group.commit.outdated").counter().count())
                .isEqualTo(outdatedBefore + 1);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private boolean anySession(String where) {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND " + where)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }
}
