/** How a request finds the handler that answers it. */
@NullMarked
package uk.mashhub.api.routing;

import org.jspecify.annotations.NullMarked;
