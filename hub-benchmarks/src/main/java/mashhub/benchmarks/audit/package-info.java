/** The auditor's view measured: consuming the stream, verifying the chain, querying and exporting. */
@NullMarked
package mashhub.benchmarks.audit;

import org.jspecify.annotations.NullMarked;
