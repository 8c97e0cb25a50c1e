package uk.mashhub.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an audit chain outside the hub — for anyone holding the disclosure stream or a copy of
 * the database. Exit code 0 when the chain holds, 1 when it does not (naming the first bad
 * sequence number), 2 for a usage or input error.
 *
 * <pre>
 * java -cp … uk.mashhub.audit.VerifyChain --stream disclosures.ndjson [--public-key checkpoint.pub.pem]
 * java -cp … uk.mashhub.audit.VerifyChain --database jdbc:postgresql://host/db --user u [--password p] [--public-key …]
 * </pre>
 *
 * A stream file holds one record value per line, as consumed with {@code read_committed}; repeated
 * sequence numbers (at-least-once delivery) are skipped after the first. Without {@code
 * --public-key}, checkpoints are checked against the key they name (integrity, not authorship).
 */
public final class VerifyChain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerifyChain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Map<String, String> options = new TreeMap<>();
        List<String> keyFiles = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--public-key")) {
                keyFiles.add(args[i + 1]); // once per key: the current one and any it replaced
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (String keyFile : keyFiles) {
                keys.add(publicKey(Path.of(keyFile)));
            }
            ChainVerification result;
            if (options.containsKey("--stream")) {
                result = stream(Path.of(options.get("--stream")), keys);
            } else if (options.containsKey("--database")) {
                result = database(
                        options.get("--database"),
                        options.getOrDefault("--user", ""),
                        options.getOrDefault("--password", ""),
                        keys);
            } else {
                out.println(
                        "usage: VerifyChain --stream FILE | --database JDBC_URL --user U [--password P]  [--public-key PEM]..."
                                + " (--public-key once for each trusted checkpoint key)");
                return 2;
            }
            if (result.intact()) {
                out.printf(
                        "intact: %d events (sequence 1 to %d), %d signed checkpoints verified%n",
                        result.eventsChecked(), result.lastGoodSequence(), result.checkpointsVerified());
                return 0;
            }
            out.printf(
                    "BROKEN at sequence %d: %s (events 1 to %d verified)%n",
                    result.firstBadSequence(), result.problem(), result.lastGoodSequence());
            return 1;
        } catch (IOException | SQLException | RuntimeException e) {
            out.println("cannot verify: " + e.getClass().getSimpleName());
            return 2;
        }
    }

    /**
     * Verifies a stream saved one record value per line (what a consumer or an NDJSON export holds),
     * in memory of 8 bytes per event (to check records delivered again). Records in the hub's canonical form are checked by their bytes as they
     * stand; anything else, and every checkpoint, is parsed and checked in full.
     */
    public static ChainVerification stream(Path file, List<PublicKey> keys) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        try (InputStream in = Files.newInputStream(file);
                StreamVerification verification = new StreamVerification(keys, JSON)) {
            boolean more = true;
            while (more && !verification.broken()) {
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    more = false;
                    if (filled > 0 && buffer[filled - 1] != '\n') {
                        buffer = java.util.Arrays.copyOf(buffer, filled + 1);
                        buffer[filled++] = '\n'; // the last line without its newline
                    }
                } else {
                    filled += read;
                }
                int from = 0;
                int newline;
                while (!verification.broken() && (newline = next(buffer, from, filled)) >= 0) {
                    verification.line(
                            buffer, from, newline > from && buffer[newline - 1] == '\r' ? newline - 1 : newline);
                    from = newline + 1;
                }
                System.arraycopy(buffer, from, buffer, 0, filled - from);
                filled -= from;
                if (filled == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
                }
            }
            return verification.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", e);
        }
    }

    /** The index of the next line break in {@code buffer[from, to)}, or -1. */
    private static int next(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Verifies the log of a database (a copy will do), with a cursor in constant memory. */
    public static ChainVerification database(String url, String user, String password, List<PublicKey> keys)
            throws SQLException {
        ChainVerifier verifier = new ChainVerifier(keys);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false); // lets the driver stream with a cursor
            connection.setReadOnly(true);
            // one snapshot for the log and the head, so that a live hub's commits during the walk
            // do not make the head look ahead of the log
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT " + StoredEvents.COLUMNS + " FROM audit.audit_event ORDER BY sequence")) {
                read.setFetchSize(5000);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next() && !verifier.broken()) {
                        long sequence = rows.getLong(1);
                        StoredEvents.Stored event;
                        try {
                            event = StoredEvents.read(rows, JSON);
                        } catch (RuntimeException unreadable) {
                            verifier.unreadable(sequence);
                            break;
                        }
                        verifier.accept(event);
                    }
                }
            }
            try (PreparedStatement head = connection.prepareStatement(
                            "SELECT sequence, encode(hash, 'hex') FROM audit.chain_head WHERE id = 1");
                    ResultSet row = head.executeQuery()) {
                if (row.next()) {
                    verifier.end(row.getLong(1), row.getString(2));
                }
            }
            connection.rollback();
        }
        return verifier.result();
    }

    private static PublicKey publicKey(Path pem) throws IOException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return CheckpointSigner.publicKey(body);
    }
}
