/**
 * JMH benchmarks of the hub's hot paths. Every report sets the hub's figure beside a baseline
 * measured in the same run on the same machine, because these machines are shared and noisy.
 */
@NullMarked
package mashhub.benchmarks;

import org.jspecify.annotations.NullMarked;
