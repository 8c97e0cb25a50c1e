package mashhub.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs a benchmark suite and prints its figures next to the same-run baseline. {@code ./benchmark decisions}. */
public final class Benchmarks {

    private Benchmarks() {}

    /** What the benchmark's 4,096 requests decide to, so the figure can be read in context. */
    private static String mix() {
        DecisionWorld world = new DecisionWorld(42);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (var request : world.requests) {
            var decision = world.rule.decide(request);
            outcomes.merge(decision.permitted() ? "permit/" + decision.ground() : "deny", 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        outcomes.forEach((outcome, count) -> text.append(
                String.format(Locale.ROOT, "%s %.0f%%  ", outcome, 100.0 * count / DecisionWorld.REQUESTS)));
        return text.toString().trim();
    }

    public static void main(String[] args) throws RunnerException {
        String suite = args.length == 0 ? "decisions" : args[0];
        if (!suite.equals("decisions")) {
            System.err.println("unknown benchmark suite: " + suite + " (known: decisions)");
            System.exit(2);
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(ReleaseDecisionBenchmark.class.getSimpleName())
                        .threads(1)
                        .build())
                .run();
        Map<String, double[]> figures = new TreeMap<>();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            figures.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    new double[] {primary.getScore(), primary.getScoreError()});
        }
        double[] decide = figures.get("decide");
        double[] baseline = figures.get("baselineSha256Of512Bytes");
        if (decide == null || baseline == null) {
            System.err.println("a benchmark failed; see its output above");
            System.exit(1);
        }
        System.out.println();
        System.out.println("== Release decisions, one thread (one core), "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "decisions per second per core      %,14.0f ± %,.0f%n", decide[0], decide[1]);
        System.out.printf(
                Locale.ROOT, "baseline SHA-256 of 512 B per sec  %,14.0f ± %,.0f%n", baseline[0], baseline[1]);
        System.out.printf(Locale.ROOT, "ratio decisions / baseline         %14.2f%n", decide[0] / baseline[0]);
        System.out.printf(Locale.ROOT, "mean time per decision             %14.0f ns%n", 1e9 / decide[0]);
        System.out.printf(
                Locale.ROOT, "goal (>= 1,000,000 per core)       %14s%n", decide[0] >= 1_000_000 ? "met" : "NOT MET");
        System.out.println("request mix                        " + mix());
    }
}
