/**
 * Persons and the links between them. Agencies know a person by their own local id; each such
 * identity is linked to one person of the hub. A valid NHS number links deterministically;
 * otherwise only a strong demographic match links on its own, and possible matches wait for a
 * practitioner. A wrong link is a data breach, so every doubt goes to review.
 */
@NullMarked
@NamedInterface("person")
package uk.mashhub.ingest.person;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
