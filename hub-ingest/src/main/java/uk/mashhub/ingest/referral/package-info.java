/**
 * Referrals: a concern an agency posts about a subject (and related persons), its lifecycle
 * RECEIVED → TRIAGED → GATHERING → DECIDED → CLOSED, the RAG rating with its rationale and
 * decision deadline, and the triage queue. Submissions are idempotent per agency and key.
 */
@NullMarked
@NamedInterface("referral")
package uk.mashhub.ingest.referral;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
