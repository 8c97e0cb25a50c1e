package mashhub.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.mashhub.consent.decision.ReleaseDecision;

/**
 * Release decisions per second on one thread (one core), over a prepared county-sized partnership,
 * with SHA-256 of a 512-byte record as the same-run baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReleaseDecisionBenchmark {

    private DecisionWorld world;
    private int next;
    private MessageDigest sha256;
    private final byte[] record = "x".repeat(512).getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void prepare() throws NoSuchAlgorithmException {
        world = new DecisionWorld(42);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** One release decision, cycling through 4,096 varied requests. */
    @Benchmark
    public ReleaseDecision decide() {
        return world.rule.decide(world.requests[next++ & (DecisionWorld.REQUESTS - 1)]);
    }

    /** Baseline: SHA-256 over 512 bytes, as the audit chain will do per event. */
    @Benchmark
    public byte[] baselineSha256Of512Bytes() {
        return sha256.digest(record);
    }
}
