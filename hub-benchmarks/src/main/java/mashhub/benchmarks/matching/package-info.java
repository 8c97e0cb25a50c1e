/** Person matching against a large population, on a real PostgreSQL: {@code ./benchmark matching}. */
@NullMarked
package mashhub.benchmarks.matching;

import org.jspecify.annotations.NullMarked;
