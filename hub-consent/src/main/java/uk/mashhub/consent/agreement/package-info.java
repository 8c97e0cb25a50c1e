/**
 * Information sharing agreements: versioned terms (parties, validity, purposes with their lawful
 * basis and flows), signatures, and the lifecycle DRAFT → ACTIVE → SUSPENDED / EXPIRED /
 * TERMINATED. Only an ACTIVE version within its dates permits anything.
 */
@NullMarked
@NamedInterface("agreement")
package uk.mashhub.consent.agreement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
