/**
 * The release decision: for one record, one requester, one purpose and one referral, PERMIT with
 * the fields the flow allows or DENY with every reason that applied. {@link
 * uk.mashhub.consent.decision.ReleaseRule} is a pure function of its inputs and a clock reading;
 * {@link uk.mashhub.consent.decision.ReleaseDecisions} loads those inputs for a whole batch in
 * three queries. The decision is the hub's, never the caller's.
 */
@NullMarked
@NamedInterface("decision")
package uk.mashhub.consent.decision;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
