/**
 * Agencies: the partner organisations of the hub. Any caller may list and read them; they are
 * what the {@code agency} claim of every token names.
 */
@NullMarked
@NamedInterface("agency")
package uk.mashhub.consent.agency;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
