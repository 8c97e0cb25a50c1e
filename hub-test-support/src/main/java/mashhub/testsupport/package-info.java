/**
 * Test infrastructure shared by every module: real PostgreSQL and Kafka started once per test JVM
 * (embedded by default, Testcontainers or external servers on request) and the local identity
 * provider that issues real signed tokens.
 *
 * <p>It lives outside the {@code uk.mashhub} packages on purpose, so that component scanning of
 * the hub never picks any of it up. Production code must never depend on it.
 */
@NullMarked
package mashhub.testsupport;

import org.jspecify.annotations.NullMarked;
