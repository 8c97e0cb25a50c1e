package uk.mashhub.ingest.referral;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ReferralId;

/**
 * A referral and where it is in its life. Every change returns a new value; a change the lifecycle
 * does not allow throws and changes nothing.
 *
 * @param subject the subject's identity as the referring agency reported it
 * @param related related persons' identities, with their relationship to the subject
 * @param deadline when a decision is due (none for BLUE)
 */
public record Referral(
        ReferralId id,
        Actor referredBy,
        ReferralStatus status,
        IdentityId subject,
        List<Related> related,
        Set<ConcernCategory> concerns,
        String narrative,
        ConsentPosition consent,
        Urgency urgency,
        ReferrerContact referrer,
        Instant receivedAt,
        @Nullable Rag rag,
        @Nullable String ragRationale,
        @Nullable Instant deadline,
        @Nullable Outcome outcome,
        @Nullable String decisionRationale,
        Instant changedAt) {

    /** A related person's identity and relationship to the subject. */
    public record Related(IdentityId identity, @Nullable String relationship) {}

    public Referral {
        related = List.copyOf(related);
        concerns = Set.copyOf(concerns);
    }

    /** Sets or changes the RAG rating: always with a rationale; only while the referral is being worked. */
    Referral rated(Rag newRag, String rationale, @Nullable Instant newDeadline, Instant now) {
        requireRationale(rationale);
        if (!status.mayBeRated()) {
            throw ReferralProblems.stateConflict("A " + status + " referral cannot be rated.");
        }
        ReferralStatus next = status == ReferralStatus.RECEIVED ? ReferralStatus.TRIAGED : status;
        return changed(next, newRag, rationale, newDeadline, outcome, decisionRationale, now);
    }

    Referral gathering(Instant now) {
        if (status != ReferralStatus.TRIAGED) {
            throw ReferralProblems.stateConflict(
                    "Only a triaged referral moves to gathering; this one is " + status + ".");
        }
        return withStatus(ReferralStatus.GATHERING, now);
    }

    Referral decided(Outcome decided, String rationale, Instant now) {
        requireRationale(rationale);
        if (!status.mayBeDecided()) {
            throw ReferralProblems.stateConflict(
                    "Only a triaged or gathering referral can be decided; this one is " + status + ".");
        }
        return changed(ReferralStatus.DECIDED, rag, ragRationale, deadline, decided, rationale, now);
    }

    Referral closed(Instant now) {
        if (status != ReferralStatus.DECIDED) {
            throw ReferralProblems.stateConflict("Only a decided referral can be closed; this one is " + status + ".");
        }
        return withStatus(ReferralStatus.CLOSED, now);
    }

    private Referral withStatus(ReferralStatus next, Instant now) {
        return changed(next, rag, ragRationale, deadline, outcome, decisionRationale, now);
    }

    /** This referral after a change: what a change may touch is named, everything else is kept. */
    private Referral changed(
            ReferralStatus next,
            @Nullable Rag newRag,
            @Nullable String newRagRationale,
            @Nullable Instant newDeadline,
            @Nullable Outcome newOutcome,
            @Nullable String newDecisionRationale,
            Instant now) {
        return new Referral(
                id,
                referredBy,
                next,
                subject,
                related,
                concerns,
                narrative,
                consent,
                urgency,
                referrer,
                receivedAt,
                newRag,
                newRagRationale,
                newDeadline,
                newOutcome,
                newDecisionRationale,
                now);
    }

    private static void requireRationale(String rationale) {
        if (rationale == null || rationale.isBlank()) {
            throw new HubProblem(
                    ReferralProblems.RATIONALE_REQUIRED, "Say why: a rating or a decision needs a rationale.");
        }
        if (rationale.length() > 4000) {
            throw new uk.mashhub.kernel.InvalidValue("rationale", "must be at most 4000 characters");
        }
    }
}
