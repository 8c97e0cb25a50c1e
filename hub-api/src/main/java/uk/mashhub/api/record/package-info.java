/** The records resource: agencies contribute what they hold, one at a time or in NDJSON batches. */
@NullMarked
package uk.mashhub.api.record;

import org.jspecify.annotations.NullMarked;
