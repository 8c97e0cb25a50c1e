/**
 * The local run: the hub with embedded PostgreSQL, Kafka and identity provider and a demo
 * partnership. It lives in the test sources so that none of it reaches the production jar; {@code
 * ./run-local} starts it.
 */
@NullMarked
package mashhub.local;

import org.jspecify.annotations.NullMarked;
