/** The overrides resource: sharing without consent and break-glass, and the data owner's review queue. */
@NullMarked
package uk.mashhub.api.override;

import org.jspecify.annotations.NullMarked;
