/** The referrals resource: idempotent submission by agency systems, and the MASH's triage work. */
@NullMarked
package uk.mashhub.api.referral;

import org.jspecify.annotations.NullMarked;
