/** What operators need: the Kafka health check for readiness and the OpenAPI description. */
@NullMarked
package uk.mashhub.api.operations;

import org.jspecify.annotations.NullMarked;
