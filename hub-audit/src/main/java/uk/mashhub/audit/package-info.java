/**
 * The audit module: audit events, the append-only disclosure log with its hash chain, the relay of
 * that log to the Kafka disclosure stream, the auditor read model built from the stream,
 * verification and exports.
 *
 * <p>It owns the {@code audit} schema, the disclosure topic and the read model's {@code audit_read} schema. Other modules hand it events
 * through its root package; it must never call back into them, never store a released field
 * value (field names only), and never let a log row be updated or deleted.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "kernel")
package uk.mashhub.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
