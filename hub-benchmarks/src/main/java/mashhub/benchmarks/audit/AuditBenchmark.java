package mashhub.benchmarks.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import mashhub.testsupport.EmbeddedKafkaServer;
import mashhub.testsupport.EmbeddedPostgresServer;
import mashhub.testsupport.FreshDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.AuditLog;
import uk.mashhub.audit.Auditable;
import uk.mashhub.audit.ChainVerification;
import uk.mashhub.audit.ChainVerifier;
import uk.mashhub.audit.DisclosureRecord;
import uk.mashhub.audit.Pseudonyms;
import uk.mashhub.audit.VerifyChain;
import uk.mashhub.audit.reader.AuditViewer;
import uk.mashhub.audit.reader.DisclosureExports;
import uk.mashhub.audit.reader.DisclosureFilter;
import uk.mashhub.audit.reader.DisclosureLog;
import uk.mashhub.audit.reader.ExportFormat;
import uk.mashhub.audit.reader.StreamReader;
import uk.mashhub.kernel.AgencyId;

/**
 * The auditor's view on a real PostgreSQL and Kafka broker, each figure beside a baseline measured
 * in the same run on the same servers:
 *
 * <ol>
 *   <li>a chain of release decisions is written to the audit log and relayed to the stream;
 *   <li>consumption into the read model (a deployment of its own, its own database) — baseline: a
 *       consumer that only reads the topic;
 *   <li>chain verification over a database copy, an NDJSON export and the topic — baseline: reading
 *       the same rows or records without verifying;
 *   <li>query by person over a read model of {@code QUERY_EVENTS} events — baseline: a primary-key
 *       lookup on the same table;
 *   <li>exports (CSV, NDJSON, FHIR) with the peak heap — baseline: reading the same rows.
 * </ol>
 */
public final class AuditBenchmark {

    private static final String TOPIC = "mash-hub.disclosures";
    private static final String PSEUDONYM_KEY = "YmVuY2htYXJrIHBzZXVkb255bSBrZXkgLSBub3Qgc2VjcmV0IQ==";
    private static final AgencyId CHILDRENS = new AgencyId("northshire-childrens-services");
    private static final AgencyId POLICE = new AgencyId("northshire-police");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditBenchmark() {}

    /** The audit module on its own, with a clock. */
    @SpringBootApplication(scanBasePackages = "uk.mashhub.audit")
    static class Audit {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private record Released(AuditEvent auditEvent) implements Auditable {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int queryEvents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        try (var postgres = EmbeddedPostgresServer.startThrowAway();
                var kafka = EmbeddedKafkaServer.start()) {
            String server = postgres.jdbcUrl();
            createDatabase(postgres, "reader_hub");
            createDatabase(postgres, "read_model");
            createDatabase(postgres, "query_model");
            System.out.println("== baseline: pgbench insert-only (200 B rows, 8 clients, 20 s) on this PostgreSQL");
            System.out.printf(Locale.ROOT, "pgbench insert-only tps        %,.0f%n", pgbench(postgres));

            try (var hub = context(
                    server, postgres, kafka, "--hub.audit.relay.enabled=true", "--hub.audit.reader.enabled=false")) {
                long start = System.nanoTime();
                write(hub, events);
                double writing = seconds(start);
                awaitRelayed(hub);
                double relaying = seconds(start);
                AuditChain chain = hub.getBean(AuditChain.class);
                long head = chain.status().headSequence();
                System.out.printf(
                        Locale.ROOT,
                        "%n== %,d audited release decisions (1,000 per transaction) and checkpoints%n",
                        head);
                System.out.printf(Locale.ROOT, "written to the log               %,10.0f events/s%n", head / writing);
                System.out.printf(Locale.ROOT, "written and relayed to Kafka     %,10.0f events/s%n", head / relaying);

                System.out.printf("%n== consumption into the read model (its own deployment and database)%n");
                double rawConsume = rawConsume(kafka, head);
                System.out.printf(Locale.ROOT, "baseline: reading the topic only %,10.0f records/s%n", rawConsume);
                double consumed = consume(server, postgres, kafka, chain, head);
                System.out.printf(
                        Locale.ROOT,
                        "verified and applied             %,10.0f events/s   (goal >= 20,000: %s)%n",
                        consumed,
                        consumed >= 20_000 ? "met" : "NOT MET");

                System.out.printf("%n== chain verification%n");
                String url = server;
                double rawRead = rawRead(url, postgres);
                System.out.printf(Locale.ROOT, "baseline: reading the log rows   %,10.0f rows/s%n", rawRead);
                long t = System.nanoTime();
                ChainVerification verified = VerifyChain.database(
                        url, postgres.username(), postgres.password(), List.of(chain.checkpointPublicKey()));
                double database = verified.eventsChecked() / seconds(t);
                require(verified.intact(), "the chain verifies");
                System.out.printf(
                        Locale.ROOT,
                        "database copy (./verify-chain)   %,10.0f events/s   (goal >= 500,000: %s)%n",
                        database,
                        database >= 500_000 ? "met" : "NOT MET");
                Path export = work.resolve("stream-export.ndjson");
                saveStream(kafka, head, export);
                t = System.nanoTime();
                verified = VerifyChain.stream(export, List.of(chain.checkpointPublicKey()));
                double stream = verified.eventsChecked() / seconds(t);
                require(verified.intact(), "the saved stream verifies");
                System.out.printf(
                        Locale.ROOT,
                        "NDJSON file (./verify-chain)     %,10.0f events/s   (goal >= 500,000: %s)%n",
                        stream,
                        stream >= 500_000 ? "met" : "NOT MET");
                t = System.nanoTime();
                verified = VerifyChain.stream(export, List.of(chain.checkpointPublicKey()));
                double again = verified.eventsChecked() / seconds(t);
                require(verified.intact(), "the saved stream verifies again");
                System.out.printf(Locale.ROOT, "  the same again (JIT warm)      %,10.0f events/s%n", again);
                double fromKafka = verifyFromKafka(kafka, head, chain);
                System.out.printf(Locale.ROOT, "reading from Kafka               %,10.0f events/s%n", fromKafka);
                Files.deleteIfExists(export);
            }

            if (queryEvents > 0) {
                System.out.printf(
                        Locale.ROOT, "%n== a read model of %,d events: query by person, exports%n", queryEvents);
                queries(server, postgres, kafka, queryEvents);
            }
        }
    }

    private static ConfigurableApplicationContext context(
            String url, EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka, String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.liquibase.change-log=classpath:db/audit-benchmark.yaml",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--hub.audit.chain.pseudonym-key=" + PSEUDONYM_KEY,
                "--hub.audit.chain.checkpoint-key-made-at-start=true",
                "--hub.audit.reader.partnership-auditors=" + CHILDRENS.value(),
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        settings.addAll(List.of(more));
        return new SpringApplicationBuilder(Audit.class).run(settings.toArray(String[]::new));
    }

    private static void createDatabase(EmbeddedPostgresServer postgres, String name) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    private static double pgbench(EmbeddedPostgresServer postgres) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, payload text)");
        }
        Path script = Files.createTempFile("insert", ".sql");
        script.toFile().deleteOnExit();
        Files.writeString(script, "INSERT INTO bench_baseline (payload) VALUES (repeat('x', 200));\n");
        ProcessBuilder pgbench = new ProcessBuilder(
                "pgbench",
                "-h",
                "localhost",
                "-p",
                Integer.toString(postgres.port()),
                "-U",
                postgres.username(),
                "-n",
                "-f",
                script.toString(),
                "-c",
                "8",
                "-j",
                "2",
                "-T",
                "20",
                "postgres");
        pgbench.environment().put("PGPASSWORD", postgres.password());
        pgbench.redirectErrorStream(true);
        Process process = pgbench.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output.lines()
                .filter(line -> line.startsWith("tps = "))
                .map(line -> Double.parseDouble(line.substring(6).split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pgbench did not report tps: " + output));
    }

    /** Release decisions like the hub's: 100,000 children, five partner agencies, mostly permits. */
    private static void write(ConfigurableApplicationContext hub, int events) {
        TransactionTemplate transaction = new TransactionTemplate(hub.getBean(PlatformTransactionManager.class));
        AuditLog auditLog = hub.getBean(AuditLog.class);
        Random random = new Random(42);
        String agreement = UUID.randomUUID().toString();
        for (int written = 0; written < events; written += 1_000) {
            int batch = Math.min(1_000, events - written);
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < batch; i++) {
                    hub.publishEvent(new Released(decision(random, agreement)));
                }
                auditLog.seal();
            });
        }
    }

    private static AuditEvent decision(Random random, String agreement) {
        boolean permit = random.nextInt(10) < 8;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", UUID.randomUUID().toString());
        details.put("referralId", UUID.randomUUID().toString());
        details.put("recipient", CHILDRENS.value());
        details.put("purpose", "SAFEGUARDING_CHILDREN");
        details.put("decision", permit ? "PERMIT" : "DENY");
        details.put("recordHeld", true);
        details.put("subjectPersonId", new UUID(0x1dL, random.nextInt(100_000)).toString());
        details.put("provider", POLICE.value());
        details.put("category", "POLICE_INCIDENTS");
        details.put("agreementId", agreement);
        details.put("agreementVersion", 1);
        if (permit) {
            details.put("ground", "AGREEMENT");
        }
        details.put("reasonCodes", permit ? List.of() : List.of("CONSENT_REFUSED"));
        details.put("fieldNames", permit ? List.of("incidentDate", "incidentType", "summary") : List.of());
        return new AuditEvent(
                UUID.randomUUID(),
                permit ? "RecordReleased" : "ReleaseDenied",
                CHILDRENS,
                "pat.practitioner",
                Instant.now(),
                details);
    }

    private static void awaitRelayed(ConfigurableApplicationContext hub) throws InterruptedException {
        AuditChain chain = hub.getBean(AuditChain.class);
        while (chain.status().relayLag() > 0) {
            Thread.sleep(20);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafkaServer kafka) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    private static double rawConsume(EmbeddedKafkaServer kafka, long head) {
        try (var consumer = consumer(kafka)) {
            long start = System.nanoTime();
            long seen = 0;
            long bytes = 0;
            while (seen < head) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    bytes += record.value().length;
                }
            }
            double rate = seen / seconds(start);
            System.out.printf(Locale.ROOT, "(%,d records, %.0f bytes each on average)%n", seen, (double) bytes / seen);
            return rate;
        }
    }

    /** A read model deployment of its own, from the first record: events applied per second. */
    private static double consume(
            String server, EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka, AuditChain chain, long head)
            throws Exception {
        String key = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getEncoder()
                        .encodeToString(chain.checkpointPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        try (var reader = context(
                FreshDatabase.urlOf(server, "reader_hub"),
                postgres,
                kafka,
                "--hub.audit.relay.enabled=false",
                "--hub.audit.reader.enabled=true",
                "--hub.audit.reader.trusted-checkpoint-keys=" + key,
                "--hub.audit.reader.datasource.url=" + FreshDatabase.urlOf(server, "read_model"),
                "--hub.audit.reader.datasource.username=" + postgres.username(),
                "--hub.audit.reader.datasource.password=" + postgres.password())) {
            StreamReader streamReader = reader.getBean(StreamReader.class);
            while (streamReader.status().position() == 0) {
                Thread.sleep(5);
            }
            long from = streamReader.status().position();
            long start = System.nanoTime();
            while (streamReader.status().position() < head) {
                require(streamReader.status().healthy(), "the read model sees no gap or break");
                Thread.sleep(5);
            }
            return (head - from) / seconds(start);
        }
    }

    private static double rawRead(String url, EmbeddedPostgresServer postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement read = connection.prepareStatement("""
                    SELECT sequence, encode(previous_hash, 'hex'), encode(hash, 'hex'), id, type, actor_agency, actor,
                           occurred_at, details::text FROM audit.audit_event ORDER BY sequence""")) {
                read.setFetchSize(5000);
                try (ResultSet result = read.executeQuery()) {
                    while (result.next()) {
                        result.getString(9);
                        rows++;
                    }
                }
            }
            return rows / seconds(start);
        }
    }

    private static void saveStream(EmbeddedKafkaServer kafka, long head, Path file) throws IOException {
        try (var consumer = consumer(kafka);
                OutputStream out = Files.newOutputStream(file)) {
            long seen = 0;
            while (seen < head) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    out.write(record.value());
                    out.write('\n');
                    seen++;
                }
            }
        }
    }

    private static double verifyFromKafka(EmbeddedKafkaServer kafka, long head, AuditChain chain) {
        ChainVerifier verifier =
                ChainVerifier.resumingAfter(0, ChainVerifier.GENESIS, List.of(chain.checkpointPublicKey()));
        try (var consumer = consumer(kafka)) {
            long start = System.nanoTime();
            long seen = 0;
            while (seen < head) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    byte[] value = record.value();
                    DisclosureRecord.Raw raw = DisclosureRecord.Raw.of(value, 0, value.length);
                    if (raw == null || !verifier.holdsAsIs(raw)) { // checkpoints are checked in full
                        DisclosureRecord next = DisclosureRecord.parse(value, JSON);
                        require(verifier.problemWith(next) == null, "the stream verifies");
                        verifier.advance(next);
                    }
                    seen++;
                }
            }
            return seen / seconds(start);
        }
    }

    /** Fills a read model directly (as if consumed) and measures auditors' questions on it. */
    private static void queries(String server, EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka, int total)
            throws Exception {
        try (var hub = context(
                FreshDatabase.urlOf(server, "query_model"),
                postgres,
                kafka,
                "--hub.audit.relay.enabled=false",
                "--hub.audit.reader.enabled=false")) {
            Pseudonyms pseudonyms = hub.getBean(Pseudonyms.class);
            int persons = Math.max(1, total / 10);
            long start = System.nanoTime();
            fill(FreshDatabase.urlOf(server, "query_model"), postgres, pseudonyms, persons, total);
            System.out.printf(
                    Locale.ROOT,
                    "filled in %.0f s (%,d persons, ~10 events each, over 12 months)%n",
                    seconds(start),
                    persons);

            DisclosureLog log = hub.getBean(DisclosureLog.class);
            AuditViewer auditor = new AuditViewer(CHILDRENS, "benchmark-auditor");
            Random random = new Random(7);
            int lookups = 2_000;
            for (int i = 0; i < 300; i++) {
                log.search(byPerson(random, persons), auditor, null, 50);
            }
            long[] searching = new long[lookups];
            long found = 0;
            for (int i = 0; i < lookups; i++) {
                DisclosureFilter filter = byPerson(random, persons);
                long t = System.nanoTime();
                found += log.search(filter, auditor, null, 50).entries().size();
                searching[i] = System.nanoTime() - t;
            }
            long[] baseline = new long[lookups];
            try (Connection connection = DriverManager.getConnection(
                            FreshDatabase.urlOf(server, "query_model"), postgres.username(), postgres.password());
                    PreparedStatement lookup =
                            connection.prepareStatement("SELECT document FROM audit_read.event WHERE sequence = ?")) {
                for (int i = 0; i < lookups; i++) {
                    lookup.setLong(1, 1 + random.nextInt(total));
                    long t = System.nanoTime();
                    try (ResultSet row = lookup.executeQuery()) {
                        row.next();
                    }
                    baseline[i] = System.nanoTime() - t;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "query by person, audited (search + its AuditLogSearched event), %,d lookups, %.1f entries each%n",
                    lookups,
                    (double) found / lookups);
            System.out.printf(
                    Locale.ROOT,
                    "  p50 %6.2f ms   p99 %6.2f ms   (goal p99 < 20 ms: %s)%n",
                    percentile(searching, 50),
                    percentile(searching, 99),
                    percentile(searching, 99) < 20 ? "met" : "NOT MET");
            System.out.printf(
                    Locale.ROOT,
                    "baseline: one event by sequence (index lookup)%n  p50 %6.2f ms   p99 %6.2f ms%n",
                    percentile(baseline, 50),
                    percentile(baseline, 99));

            DisclosureExports exports = hub.getBean(DisclosureExports.class);
            Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
            DisclosureFilter lastMonths =
                    DisclosureFilter.between(to.minus(Duration.ofDays(61)), to.plus(Duration.ofDays(1)));
            double raw = rawExportRead(FreshDatabase.urlOf(server, "query_model"), postgres, lastMonths);
            System.out.printf(Locale.ROOT, "baseline: reading the rows of the last two months %,10.0f rows/s%n", raw);
            for (ExportFormat format : ExportFormat.values()) {
                System.gc();
                long heapBefore = used();
                AtomicLong peak = new AtomicLong(heapBefore);
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(used(), Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                CountingStream out = new CountingStream();
                long t = System.nanoTime();
                long rows = exports.export(lastMonths, format, false, auditor).writeTo(out);
                double rate = rows / seconds(t);
                sampler.interrupt();
                System.out.printf(
                        Locale.ROOT,
                        "export %-6s %,10d rows %,8.0f MB %,10.0f rows/s  live heap after GC: max %,4d MB during, %,d MB before  (goal >= 50,000: %s)%n",
                        format,
                        rows,
                        out.bytes / 1e6,
                        rate,
                        peak.get() >> 20,
                        heapBefore >> 20,
                        rate >= 50_000 ? "met" : "NOT MET");
            }
        }
    }

    private static DisclosureFilter byPerson(Random random, int persons) {
        String person = new UUID(0x2eL, random.nextInt(persons)).toString();
        return DisclosureFilter.about(person);
    }

    /** The heap that survived the last collection (old generation): what an export keeps, not what it churns. */
    private static long used() {
        long live = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP
                    && pool.getName().contains("Old")) {
                var afterCollection = pool.getCollectionUsage();
                live += afterCollection == null ? pool.getUsage().getUsed() : afterCollection.getUsed();
            }
        }
        return live;
    }

    private static double rawExportRead(String url, EmbeddedPostgresServer postgres, DisclosureFilter filter)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement read = connection.prepareStatement("""
                    SELECT * FROM audit_read.event WHERE occurred_at >= ? AND occurred_at < ?
                    AND type IN ('RecordReleased', 'ReleaseDenied') ORDER BY sequence""")) {
                read.setFetchSize(2000);
                read.setTimestamp(1, java.sql.Timestamp.from(filter.from()));
                read.setTimestamp(2, java.sql.Timestamp.from(filter.to()));
                try (ResultSet result = read.executeQuery()) {
                    while (result.next()) {
                        result.getString("document");
                        rows++;
                    }
                }
            }
            return rows / seconds(start);
        }
    }

    /**
     * {@code total} release decisions about {@code persons} children, spread evenly over the last 12
     * months in sequence order, written with COPY-speed SQL straight into the read model's tables.
     */
    private static void fill(String url, EmbeddedPostgresServer postgres, Pseudonyms pseudonyms, int persons, int total)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE UNLOGGED TABLE bench_person (n int PRIMARY KEY, psn text NOT NULL)");
            }
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < persons; i++) {
                rows.append(i)
                        .append('\t')
                        .append(pseudonyms.of(new UUID(0x2eL, i).toString()))
                        .append('\n');
            }
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY bench_person FROM STDIN", new java.io.StringReader(rows.toString()));
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant begin = end.minus(Duration.ofDays(365));
            try (Statement statement = connection.createStatement()) {
                for (Instant month = begin;
                        month.isBefore(end.plus(Duration.ofDays(31)));
                        month = month.plus(Duration.ofDays(28))) {
                    statement.execute("SELECT audit_read.ensure_month('"
                            + month.toString().substring(0, 10) + "')");
                }
                long spanMicros = Duration.between(begin, end).toNanos() / 1000;
                int chunk = 1_000_000;
                for (int from = 1; from <= total; from += chunk) {
                    int to = Math.min(total, from + chunk - 1);
                    statement.execute(String.format(Locale.ROOT, """
                            INSERT INTO audit_read.event (sequence, occurred_at, id, type, actor_agency, actor, purpose,
                              decision, provider, recipient, agreement_id, ground, hash, previous_hash, document)
                            SELECT s, TIMESTAMPTZ '%s' + make_interval(secs => (s::float8 * %d / %d) / 1e6), gen_random_uuid(),
                                   CASE WHEN s %% 5 = 0 THEN 'ReleaseDenied' ELSE 'RecordReleased' END,
                                   'northshire-childrens-services', 'practitioner-' || (s %% 300), 'SAFEGUARDING_CHILDREN',
                                   CASE WHEN s %% 5 = 0 THEN 'DENY' ELSE 'PERMIT' END,
                                   (ARRAY['northshire-police','northshire-health','northshire-education','northshire-housing'])[1 + s %% 4],
                                   'northshire-childrens-services', 'a6b1c0de-0000-4000-8000-000000000001',
                                   CASE WHEN s %% 5 = 0 THEN NULL ELSE 'AGREEMENT' END,
                                   sha256(s::text::bytea), sha256((s - 1)::text::bytea),
                                   '{"details":{"category":"POLICE_INCIDENTS","decision":"PERMIT","fieldNames":["incidentDate","incidentType","summary"],"recordId":"' || gen_random_uuid() || '","subjectPersonId":"' || p.psn || '"},"sequence":' || s || '}'
                            FROM generate_series(%d, %d) s JOIN bench_person p ON p.n = (s::bigint * 7919) %% %d""", begin, spanMicros, total, from, to, persons));
                    statement.execute(String.format(Locale.ROOT, """
                            INSERT INTO audit_read.event_person (person, sequence, occurred_at)
                            SELECT p.psn, s, TIMESTAMPTZ '%s' + make_interval(secs => (s::float8 * %d / %d) / 1e6)
                            FROM generate_series(%d, %d) s JOIN bench_person p ON p.n = (s::bigint * 7919) %% %d""", begin, spanMicros, total, from, to, persons));
                }
                statement.execute("UPDATE audit_read.position SET sequence = " + total);
                statement.execute("ANALYZE audit_read.event");
                statement.execute("ANALYZE audit_read.event_person");
            }
        }
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark invariant broken: " + what);
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
