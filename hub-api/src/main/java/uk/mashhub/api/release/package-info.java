/**
 * Releasing records for a referral: each record gets its own decision from the consent module,
 * its own audit event in the chain, and leaves the hub only after that event has committed.
 */
@NullMarked
package uk.mashhub.api.release;

import org.jspecify.annotations.NullMarked;
