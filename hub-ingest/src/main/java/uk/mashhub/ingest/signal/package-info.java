/**
 * The cross-agency signal: several contacts about one person from several agencies within a
 * window — the pattern no single agency sees and a MASH exists to spot. Its evidence says which
 * agencies hold what kind of information and when, never what it says.
 */
@NullMarked
@NamedInterface("signal")
package uk.mashhub.ingest.signal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
