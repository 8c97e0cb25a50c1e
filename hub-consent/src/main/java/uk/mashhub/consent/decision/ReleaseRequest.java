package uk.mashhub.consent.decision;

import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.PurposeCode;

/** One record asked for by one requester, for one purpose, under one referral. */
public record ReleaseRequest(Actor requester, PurposeCode purpose, ReferralFacts referral, RecordFacts record) {}
