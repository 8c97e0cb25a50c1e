/**
 * Overrides and break-glass: a practitioner's recorded decision to share without consent (with a
 * justification and a gateway), and the emergency form outside any agreement. Both go to a review
 * queue of the data-owning agency; a rejected or expired one permits nothing.
 */
@NullMarked
@NamedInterface("override")
package uk.mashhub.consent.override;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
