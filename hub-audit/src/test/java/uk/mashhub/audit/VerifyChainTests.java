package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mashhub.testsupport.FreshDatabase;
import mashhub.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line verifier, over a stream file and over a copy of the database. */
class VerifyChainTests {

    @TempDir
    Path directory;

    private record Outcome(int exitCode, String output) {}

    private static final tools.jackson.databind.json.JsonMapper JSON_READER =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static Outcome verify(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = VerifyChain.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Outcome(exit, output.toString(StandardCharsets.UTF_8).strip());
    }

    /** Envelopes of a chain of {@code size} events, the last a signed checkpoint, one per line. */
    private static List<String> chain(int size, CheckpointSigner signer) {
        List<String> lines = new ArrayList<>();
        String previous = ChainedEvent.GENESIS;
        for (long sequence = 1; sequence <= size; sequence++) {
            AuditEvent event = sequence == size
                    ? new AuditEvent(
                            java.util.UUID.randomUUID(),
                            CheckpointSigner.EVENT_TYPE,
                            AuditLog.HUB,
                            "mash-hub",
                            java.time.Instant.now(),
                            signer.sign(sequence - 1, previous))
                    : AuditInstances.anEvent(Map.of("recordId", "r-" + sequence));
            ChainedEvent link = ChainedEvent.after(sequence, previous, event);
            lines.add(new String(CanonicalJson.encode(link.envelope()), StandardCharsets.UTF_8));
            previous = link.hash();
        }
        return lines;
    }

    private Path file(List<String> lines) throws Exception {
        Path file = directory.resolve("stream-" + System.nanoTime() + ".ndjson");
        Files.write(file, lines);
        return file;
    }

    @Test
    void acceptsAStreamDeliveredAtLeastOnce() throws Exception {
        List<String> lines = chain(6, CheckpointSigner.generated());
        List<String> delivered = new ArrayList<>(lines.subList(0, 4));
        delivered.addAll(lines.subList(2, 6)); // a round sent again after a lost acknowledgement

        Outcome outcome = verify("--stream", file(delivered).toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).isEqualTo("intact: 6 events (sequence 1 to 6), 1 signed checkpoints verified");
    }

    @Test
    void refusesAnEventDeliveredAgainWithOtherContentEvenWithItsHashRecomputed() throws Exception {
        List<String> lines = chain(6, CheckpointSigner.generated());
        // a forger who knows the algorithm adds a second "event 3" whose own hash is right
        String previousOfThree = DisclosureRecord.parse(lines.get(2).getBytes(StandardCharsets.UTF_8), JSON_READER)
                .previousHash();
        ChainedEvent forged = ChainedEvent.after(3, previousOfThree, AuditInstances.anEvent(Map.of("recordId", "r-x")));
        List<String> delivered = new ArrayList<>(lines);
        delivered.add(new String(CanonicalJson.encode(forged.envelope()), StandardCharsets.UTF_8));

        Outcome outcome = verify("--stream", file(delivered).toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output()).startsWith("BROKEN at sequence 3: event 3 arrived again with other content");
    }

    @Test
    void refusesAnEventDeliveredAgainWhoseHashDoesNotMatchItsContent() throws Exception {
        List<String> lines = chain(6, CheckpointSigner.generated());
        List<String> delivered = new ArrayList<>(lines);
        delivered.add(lines.get(3).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-2\""));

        Outcome outcome = verify("--stream", file(delivered).toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output())
                .startsWith("BROKEN at sequence 4: event 4 arrived again and its hash does not match its content");
    }

    @Test
    void namesAnEditedEventBeforeABadRepeatOrAGapFoundLaterWhileReading() throws Exception {
        List<String> lines = chain(6, CheckpointSigner.generated());
        List<String> edited = new ArrayList<>(lines.subList(0, 3));
        edited.set(1, edited.get(1).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-2\""));

        List<String> thenABadRepeat = new ArrayList<>(edited);
        thenABadRepeat.add(lines.get(2).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-3\""));
        List<String> thenAGap = new ArrayList<>(edited);
        thenAGap.add(lines.get(4));

        for (List<String> delivered : List.of(thenABadRepeat, thenAGap)) {
            assertThat(verify("--stream", file(delivered).toString()).output())
                    .startsWith("BROKEN at sequence 2: its hash does not match its content");
        }
    }

    @Test
    void refusesARecordNumberedZero() throws Exception {
        String zero = chain(1, CheckpointSigner.generated()).getFirst().replace("\"sequence\":1}", "\"sequence\":0}");

        Outcome outcome = verify("--stream", file(List.of(zero)).toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output()).startsWith("BROKEN at sequence 1: its content is not a readable audit event");
    }

    @Test
    void acceptsRecordsThatSayTheSameInAnotherKeyOrder() throws Exception {
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        List<String> reordered = new ArrayList<>();
        for (String line : chain(4, CheckpointSigner.generated())) {
            Map<String, Object> envelope = json.readValue(line, new tools.jackson.core.type.TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) envelope.get("event");
            reordered.add(json.writeValueAsString(reversed(Map.of(
                    "sequence", envelope.get("sequence"),
                    "hash", envelope.get("hash"),
                    "previousHash", envelope.get("previousHash"),
                    "event", reversed(event)))));
        }
        assertThat(reordered.getFirst()).startsWith("{\"sequence\"");

        Outcome outcome = verify("--stream", file(reordered).toString());

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).isEqualTo("intact: 4 events (sequence 1 to 4), 1 signed checkpoints verified");
    }

    private static Map<String, Object> reversed(Map<String, Object> map) {
        List<String> keys = new ArrayList<>(new java.util.TreeSet<>(map.keySet()).descendingSet());
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        keys.forEach(key -> out.put(key, map.get(key)));
        return out;
    }

    @Test
    void namesTheFirstEditedEventOfAStream() throws Exception {
        List<String> lines = chain(6, CheckpointSigner.generated());
        lines.set(2, lines.get(2).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-2\""));

        Outcome outcome = verify("--stream", file(lines).toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output()).startsWith("BROKEN at sequence 3: its hash does not match its content");
    }

    @Test
    void namesTheFirstBadEventOfALongStreamCheckedInParallelBatches() throws Exception {
        List<String> lines = chain(10_000, CheckpointSigner.generated());
        lines.set(8_999, lines.get(8_999).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-2\""));
        lines.set(6_999, lines.get(6_999).replace("\"actor\":\"officer-1\"", "\"actor\":\"officer-3\""));

        Outcome outcome = verify("--stream", file(lines).toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output())
                .isEqualTo("BROKEN at sequence 7000: its hash does not match its content (events 1 to 6999 verified)");
        assertThat(verify(
                                "--stream",
                                file(chain(9_000, CheckpointSigner.generated())).toString())
                        .output())
                .isEqualTo("intact: 9000 events (sequence 1 to 9000), 1 signed checkpoints verified");
    }

    private Path keyFile(CheckpointSigner signer, String name) throws IOException {
        Path key = directory.resolve(name);
        Files.writeString(
                key,
                "-----BEGIN PUBLIC KEY-----\n"
                        + java.util.Base64.getMimeEncoder()
                                .encodeToString(signer.publicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        return key;
    }

    @Test
    void refusesCheckpointsNotSignedByTheGivenKey() throws Exception {
        Path key = keyFile(CheckpointSigner.generated(), "other.pub.pem");

        Outcome outcome = verify(
                "--stream", file(chain(4, CheckpointSigner.generated())).toString(), "--public-key", key.toString());

        assertThat(outcome.exitCode()).isOne();
        assertThat(outcome.output()).contains("sequence 4", "not trusted");
    }

    @Test
    void trustsEveryKeyItIsGivenSoThatAReplacedKeysCheckpointsStillVerify() throws Exception {
        CheckpointSigner replaced = CheckpointSigner.generated();
        Path stream = file(chain(4, replaced));
        Path current = keyFile(CheckpointSigner.generated(), "current.pub.pem");

        Outcome withBoth = verify(
                "--stream",
                stream.toString(),
                "--public-key",
                current.toString(),
                "--public-key",
                keyFile(replaced, "replaced.pub.pem").toString());

        assertThat(withBoth.exitCode()).as(withBoth.output()).isZero();
        assertThat(withBoth.output()).contains("1 signed checkpoints verified");
        assertThat(verify("--stream", stream.toString(), "--public-key", current.toString())
                        .output())
                .contains("sequence 4", "not trusted");
    }

    @Test
    void verifiesACopyOfTheDatabase() {
        String database = FreshDatabase.create("verify_cli");
        var servers = TestInfrastructure.servers();
        try (var hub = AuditInstances.start(database)) {
            AuditInstances.log(hub, 5);
            Outcome intact =
                    verify("--database", database, "--user", servers.username(), "--password", servers.password());
            assertThat(intact.exitCode()).as(intact.output()).isZero();
            assertThat(intact.output()).startsWith("intact: 5 events");

            AuditInstances.tamper(hub, "DELETE FROM audit.audit_event WHERE sequence = 2");
            Outcome broken =
                    verify("--database", database, "--user", servers.username(), "--password", servers.password());
            assertThat(broken.exitCode()).isOne();
            assertThat(broken.output()).startsWith("BROKEN at sequence 2: event 2 is missing");
        }
    }

    @Test
    void explainsItsUsage() {
        assertThat(verify().exitCode()).isEqualTo(2);
    }
}
