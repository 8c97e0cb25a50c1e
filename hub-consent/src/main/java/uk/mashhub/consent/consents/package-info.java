/**
 * Consents: GIVEN, REFUSED or WITHDRAWN, by whom, for which purposes, recipients and categories,
 * on which form, for how long. Append-only: a withdrawal is a new entry, and the latest entry
 * covering a purpose, recipient and category is the person's position.
 */
@NullMarked
@NamedInterface("consents")
package uk.mashhub.consent.consents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
