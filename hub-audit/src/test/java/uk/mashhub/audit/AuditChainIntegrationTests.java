package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.audit.AuditInstances.log;
import static uk.mashhub.audit.AuditInstances.start;
import static uk.mashhub.audit.AuditInstances.tamper;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mashhub.testsupport.FreshDatabase;
import mashhub.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain on a real PostgreSQL: one gap-free order with concurrent transactions and two hub
 * instances, and tampering behind the hub's back (as the database superuser, trigger switched off)
 * found and named by its first bad sequence number.
 */
class AuditChainIntegrationTests {

    private static long count(ConfigurableApplicationContext instance, String sql) {
        return instance.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
    }

    @Test
    void twoHubInstancesWritingConcurrentlyInTheirOwnTransactionsAndByGroupCommitKeepOneGapFreeVerifiableChain()
            throws Exception {
        String database = FreshDatabase.create("audit_two_instances");
        try (var first = start(database);
                var second = start(database)) {
            ExecutorService writers = Executors.newFixedThreadPool(8);
            AtomicInteger committed = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                var instance = writer % 2 == 0 ? first : second;
                int seed = writer;
                work.add(writers.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        int events = 1 + (seed + i) % 3;
                        if ((seed + i) % 7 == 0) {
                            rolledBack(instance, events);
                        } else if ((seed + i) % 2 == 0) {
                            groupCommitted(instance, events);
                            committed.addAndGet(events);
                        } else {
                            log(instance, events);
                            committed.addAndGet(events);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            writers.shutdown();

            ChainVerification verification = first.getBean(AuditChain.class).verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            long checkpoints =
                    count(first, "SELECT count(*) FROM audit.audit_event WHERE type = 'ChainCheckpointSigned'");
            assertThat(verification.eventsChecked()).isEqualTo(committed.get() + checkpoints);
            assertThat(count(first, "SELECT max(sequence) - min(sequence) + 1 - count(*) FROM audit.audit_event"))
                    .as("gaps")
                    .isZero();
            assertThat(second.getBean(AuditChain.class).status().headSequence())
                    .isEqualTo(verification.lastGoodSequence());
        }
    }

    private static void groupCommitted(ConfigurableApplicationContext instance, int events) {
        List<AuditInstances.SomethingAudited> auditables = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            auditables.add(new AuditInstances.SomethingAudited(AuditInstances.anEvent()));
        }
        instance.getBean(GroupCommit.class).commit(auditables);
    }

    private static void rolledBack(ConfigurableApplicationContext instance, int events) {
        instance.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                instance.publishEvent(new AuditInstances.SomethingAudited(AuditInstances.anEvent()));
            }
            instance.getBean(AuditLog.class).seal();
            status.setRollbackOnly();
        });
    }

    @Test
    void findsTheChainIntactWhileTheHubKeepsCommittingDuringTheWalk() throws Exception {
        String database = FreshDatabase.create("audit_live_verification");
        var servers = TestInfrastructure.servers();
        try (var hub = start(
                database,
                "--hub.audit.chain.checkpoint-every-events=1000000",
                "--hub.audit.chain.checkpoint-every=1h")) {
            for (int i = 0; i < 10; i++) {
                log(hub, 500);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger committedDuring = new AtomicInteger();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writing = writer.submit(() -> {
                while (!stop.get()) {
                    log(hub, 1);
                    committedDuring.incrementAndGet();
                }
                return null;
            });
            try {
                for (int round = 0; round < 5; round++) {
                    ChainVerification hubs = hub.getBean(AuditChain.class).verify();
                    assertThat(hubs.intact()).as(String.valueOf(hubs.problem())).isTrue();
                    ChainVerification command =
                            VerifyChain.database(database, servers.username(), servers.password(), List.of());
                    assertThat(command.intact())
                            .as(String.valueOf(command.problem()))
                            .isTrue();
                }
            } finally {
                stop.set(true);
                writing.get();
                writer.shutdown();
            }
            assertThat(committedDuring.get())
                    .as("events committed while verifying")
                    .isPositive();
        }
    }

    @Test
    void receiptsNameTheSequenceAndHashTheLogStored() {
        try (var hub = start(FreshDatabase.create("audit_receipts"))) {
            log(hub, 2);
            List<AuditReceipt> receipts = log(hub, 3);

            assertThat(receipts).extracting(AuditReceipt::sequence).containsExactly(3L, 4L, 5L);
            for (AuditReceipt receipt : receipts) {
                assertThat(hub.getBean(JdbcTemplate.class)
                                .queryForObject(
                                        "SELECT encode(hash, 'hex') FROM audit.audit_event WHERE id = ? AND sequence = ?",
                                        String.class,
                                        receipt.eventId(),
                                        receipt.sequence()))
                        .isEqualTo(receipt.hash());
            }
        }
    }

    @Test
    void signsACheckpointEachTimeTheChainPassesTheConfiguredInterval() {
        try (var hub =
                start(FreshDatabase.create("audit_checkpoints"), "--hub.audit.chain.checkpoint-every-events=10")) {
            for (int i = 0; i < 7; i++) {
                log(hub, 4);
            }

            assertThat(count(hub, "SELECT count(*) FROM audit.audit_event WHERE type = 'ChainCheckpointSigned'"))
                    .isEqualTo(3);
            ChainVerification verification = hub.getBean(AuditChain.class).verify();
            assertThat(verification.intact()).isTrue();
            assertThat(verification.checkpointsVerified()).isEqualTo(3);
        }
    }

    @Test
    void refusesCheckpointsSignedWithAKeyItDoesNotTrust() {
        try (var hub =
                start(FreshDatabase.create("audit_foreign_key"), "--hub.audit.chain.checkpoint-every-events=5")) {
            log(hub, 6);

            ChainVerification verification = hub.getBean(AuditChain.class)
                    .verify(List.of(CheckpointSigner.generated().publicKey()));

            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadSequence()).isEqualTo(7);
            assertThat(verification.problem()).contains("not trusted");
        }
    }

    @Test
    void keepsTrustingTheCheckpointsOfAReplacedKeyWhenToldItsPublicKey() throws Exception {
        String database = FreshDatabase.create("audit_key_replaced");
        String[] old = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        String[] current = pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        try (var before = start(
                database,
                "--hub.audit.chain.checkpoint-every-events=5",
                "--hub.audit.chain.checkpoint-private-key=" + old[0],
                "--hub.audit.chain.checkpoint-public-key=" + old[1])) {
            log(before, 6); // a checkpoint at 7, signed with the old key
        }
        String[] withNewKey = {
            "--hub.audit.chain.checkpoint-every-events=5",
            "--hub.audit.chain.checkpoint-private-key=" + current[0],
            "--hub.audit.chain.checkpoint-public-key=" + current[1]
        };
        try (var after = start(database, withNewKey)) {
            log(after, 4); // a checkpoint at 12, signed with the new key

            ChainVerification forgotten = after.getBean(AuditChain.class).verify();
            assertThat(forgotten.firstBadSequence()).isEqualTo(7);
            assertThat(forgotten.problem()).contains("not trusted");
        }
        String[] toldTheOldKey = java.util.Arrays.copyOf(withNewKey, withNewKey.length + 1);
        toldTheOldKey[withNewKey.length] = "--hub.audit.chain.previous-checkpoint-public-keys=" + old[1];
        try (var after = start(database, toldTheOldKey)) {
            ChainVerification verification = after.getBean(AuditChain.class).verify();

            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            assertThat(verification.checkpointsVerified()).isEqualTo(2);
        }
    }

    /** The private and public key as PEM bodies, as an operator may configure them. */
    private static String[] pem(KeyPair pair) {
        return new String[] {
            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
        };
    }

    @Test
    void storesPersonIdentifiersOnlyAsKeyedPseudonyms() {
        try (var hub = start(FreshDatabase.create("audit_pseudonyms"))) {
            String person = UUID.randomUUID().toString();
            hub.getBean(TransactionTemplate.class)
                    .executeWithoutResult(status ->
                            hub.publishEvent(new AuditInstances.SomethingAudited(AuditInstances.anEvent(Map.of(
                                    "personId",
                                    person,
                                    "possibleMatchPersonIds",
                                    List.of(person),
                                    "thingId",
                                    "t-1")))));

            String stored = hub.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT details::text FROM audit.audit_event", String.class);
            assertThat(stored).doesNotContain(person).contains("\"thingId\":\"t-1\"");
            String pseudonym = hub.getBean(Pseudonyms.class).of(person);
            assertThat(pseudonym).startsWith("psn:");
            assertThat(stored).contains("\"personId\":\"" + pseudonym + "\"");
            assertThat(hub.getBean(AuditChain.class).verify().intact()).isTrue();
        }
    }

    @Test
    void findsAnEventEditedBehindTheHubsBack() {
        try (var hub = start(FreshDatabase.create("audit_edited"))) {
            log(hub, 10);
            tamper(hub, "UPDATE audit.audit_event SET actor = 'someone-else' WHERE sequence = 4");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadSequence()).isEqualTo(4);
            assertThat(verification.problem()).contains("hash does not match its content");
            assertThat(verification.lastGoodSequence()).isEqualTo(3);
        }
    }

    @Test
    void findsDetailsEditedBehindTheHubsBack() {
        try (var hub = start(FreshDatabase.create("audit_details_edited"))) {
            log(hub, 10);
            tamper(hub, "UPDATE audit.audit_event SET details = '{\"thingId\":\"t-other\"}' WHERE sequence = 4");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(4);
            assertThat(verification.problem()).contains("hash does not match its content");
        }
    }

    @Test
    void findsTheSchemaVersionEditedBehindTheHubsBack() {
        try (var hub = start(FreshDatabase.create("audit_version_edited"))) {
            log(hub, 10);
            tamper(hub, "UPDATE audit.audit_event SET schema_version = 2 WHERE sequence = 6");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(6);
            assertThat(verification.problem()).contains("hash does not match its content");
        }
    }

    @Test
    void verifiesDetailsStoredInAnotherRenderingOfTheSameValue() {
        try (var hub = start(FreshDatabase.create("audit_details_rendered"))) {
            log(hub, 10);
            // what a row written while the column was jsonb looks like: same value, other text
            tamper(hub, "UPDATE audit.audit_event SET details = details::jsonb::json WHERE sequence = 4");
            assertThat(hub.getBean(JdbcTemplate.class)
                            .queryForObject(
                                    "SELECT details::text FROM audit.audit_event WHERE sequence = 4", String.class))
                    .as("not the canonical text that was hashed")
                    .contains("\": \"");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
        }
    }

    @Test
    void findsAnEventDeletedBehindTheHubsBack() {
        try (var hub = start(FreshDatabase.create("audit_deleted"))) {
            log(hub, 10);
            tamper(hub, "DELETE FROM audit.audit_event WHERE sequence = 6");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(6);
            assertThat(verification.problem()).contains("missing");
        }
    }

    @Test
    void findsTheLastEventsCutOffTheEnd() {
        try (var hub = start(FreshDatabase.create("audit_cut"))) {
            log(hub, 10);
            tamper(hub, "DELETE FROM audit.audit_event WHERE sequence >= 9");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(9);
            assertThat(verification.problem()).contains("head says 10");
        }
    }

    @Test
    void findsTwoEventsSwappedBehindTheHubsBack() {
        try (var hub = start(FreshDatabase.create("audit_reordered"))) {
            log(hub, 10);
            tamper(
                    hub,
                    "UPDATE audit.audit_event SET sequence = 1005 WHERE sequence = 5",
                    "UPDATE audit.audit_event SET sequence = 5 WHERE sequence = 7",
                    "UPDATE audit.audit_event SET sequence = 7 WHERE sequence = 1005");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(5);
            assertThat(verification.problem()).contains("previous hash");
        }
    }

    @Test
    void findsAForgedEventInsertedWithCorrectlyComputedHashes() {
        try (var hub = start(FreshDatabase.create("audit_inserted"))) {
            log(hub, 10);
            // The forger knows the algorithm: the inserted event's own hash is right, and it
            // links to event 3; but event 4, moved up to 5, still links to event 3.
            var chain = hub.getBean(JdbcTemplate.class);
            String previous = chain.queryForObject(
                    "SELECT encode(hash, 'hex') FROM audit.audit_event WHERE sequence = 3", String.class);
            AuditEvent forged = AuditInstances.anEvent();
            ChainedEvent link = ChainedEvent.after(4, previous, forged);
            tamper(
                    hub,
                    "ALTER TABLE audit.audit_event DROP CONSTRAINT audit_event_sequence",
                    "UPDATE audit.audit_event SET sequence = sequence + 1 WHERE sequence >= 4",
                    "INSERT INTO audit.audit_event (sequence, id, type, actor_agency, actor, occurred_at, details,"
                            + " previous_hash, hash, schema_version) VALUES (4, '" + forged.id() + "', 'ThingRecorded',"
                            + " 'northshire-police', 'officer-1', '" + forged.occurredAt() + "', '{\"thingId\": \""
                            + forged.details().get("thingId") + "\"}', decode('" + previous + "', 'hex'), decode('"
                            + link.hash() + "', 'hex'), 1)");

            ChainVerification verification = hub.getBean(AuditChain.class).verify();

            assertThat(verification.firstBadSequence()).isEqualTo(5);
            assertThat(verification.problem()).contains("previous hash");
        }
    }
}
