/**
 * Records agencies contribute about persons. They sit behind the firewall: only the providing
 * agency reads its own records until a release decision says otherwise (that path is the release
 * API's, never this module's). Bulk contributions apply whole or not at all.
 */
@NullMarked
@NamedInterface("record")
package uk.mashhub.ingest.record;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
