/** The agreements resource: drafting, signing and the lifecycle of information sharing agreements. */
@NullMarked
package uk.mashhub.api.agreement;

import org.jspecify.annotations.NullMarked;
