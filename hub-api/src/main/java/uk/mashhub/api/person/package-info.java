/** Persons, for the MASH: the review queue of possible matches, confirmation, rejection and unlinking. */
@NullMarked
package uk.mashhub.api.person;

import org.jspecify.annotations.NullMarked;
