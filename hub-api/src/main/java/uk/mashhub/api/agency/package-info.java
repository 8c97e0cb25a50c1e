/** The agencies resource: the partner organisations, readable by every caller. */
@NullMarked
package uk.mashhub.api.agency;

import org.jspecify.annotations.NullMarked;
