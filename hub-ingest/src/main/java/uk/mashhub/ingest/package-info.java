/**
 * The ingest module: referrals and their lifecycle, persons and the links between them (matching
 * and the review queue), records contributed by agencies, RAG ratings and decision deadlines.
 *
 * <p>It owns the {@code ingest} schema. Records it holds sit behind the firewall: it must never
 * hand a record's values to anyone but the providing agency except through a release decision,
 * never link two persons on a weak match, and never read another module's tables.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"kernel", "audit"})
package uk.mashhub.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
