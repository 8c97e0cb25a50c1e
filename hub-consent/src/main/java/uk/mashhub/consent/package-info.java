/**
 * The consent module: agencies, information sharing agreements and their lifecycle, consents,
 * overrides and break-glass, and the release decision.
 *
 * <p>It owns the {@code consent} schema. It decides whether a record may leave the hub but never
 * sends one, never reads another module's tables, and hands every change it makes to the audit
 * module. Feature packages below the root expose their API as named interfaces; entities and
 * repositories stay package-private.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"kernel", "audit"})
package uk.mashhub.consent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
