/** The consents resource: a person's consent history, recorded and withdrawn by practitioners and governance. */
@NullMarked
package uk.mashhub.api.consent;

import org.jspecify.annotations.NullMarked;
