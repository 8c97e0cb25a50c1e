package uk.mashhub.api.referral;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.ConsentPosition;
import uk.mashhub.ingest.referral.Outcome;
import uk.mashhub.ingest.referral.Rag;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.ReferralStatus;
import uk.mashhub.ingest.referral.ReferrerContact;
import uk.mashhub.ingest.referral.Urgency;
import uk.mashhub.ingest.signal.CrossAgencySignal;
import uk.mashhub.kernel.PersonId;

/** A referral as the API shows it. Persons are named by identity id; their details are the ingest module's. */
record ReferralResource(
        String id,
        String referringAgency,
        ReferralStatus status,
        String subjectIdentityId,
        List<RelatedResource> related,
        List<ConcernCategory> concerns,
        String narrative,
        ConsentPosition consent,
        Urgency urgency,
        ReferrerContact referrer,
        Instant receivedAt,
        @Nullable Rag rag,
        @Nullable String ragRationale,
        @Nullable Instant deadline,
        boolean overdue,
        @Nullable Outcome outcome,
        @Nullable String decisionRationale,
        @Nullable CrossAgencySignal crossAgencySignal,
        @Nullable String subjectPersonId) {

    record RelatedResource(String identityId, @Nullable String relationship) {}

    /**
     * For the referring agency's own system, which must not learn who else holds what: without the
     * cross-agency signal, and without the MASH's rationales for its rating and decision, which may
     * cite what partners hold (the rating, the outcome and the status are the referrer's to know).
     */
    static ReferralResource forReferrer(Referral referral, Instant now) {
        ReferralResource full = of(referral, now, null);
        return new ReferralResource(
                full.id,
                full.referringAgency,
                full.status,
                full.subjectIdentityId,
                full.related,
                full.concerns,
                full.narrative,
                full.consent,
                full.urgency,
                full.referrer,
                full.receivedAt,
                full.rag,
                null,
                full.deadline,
                full.overdue,
                full.outcome,
                null,
                null,
                null);
    }

    /** With the MASH's rationales and the cross-agency signal (if given): for the MASH. */
    static ReferralResource of(Referral referral, Instant now, @Nullable CrossAgencySignal signal) {
        return new ReferralResource(
                referral.id().toString(),
                referral.referredBy().agency().value(),
                referral.status(),
                referral.subject().toString(),
                referral.related().stream()
                        .map(r -> new RelatedResource(r.identity().toString(), r.relationship()))
                        .toList(),
                referral.concerns().stream().sorted().toList(),
                referral.narrative(),
                referral.consent(),
                referral.urgency(),
                referral.referrer(),
                referral.receivedAt(),
                referral.rag(),
                referral.ragRationale(),
                referral.deadline(),
                referral.status().open()
                        && referral.deadline() != null
                        && referral.deadline().isBefore(now),
                referral.outcome(),
                referral.decisionRationale(),
                signal,
                null);
    }

    /**
     * With the hub's person id of the subject (the person their identity is linked to now): for
     * the MASH, which records consents and overrides about persons. Never for the referring
     * agency: two agencies comparing person ids would learn what the hub has linked.
     */
    ReferralResource withSubjectPerson(PersonId person) {
        return new ReferralResource(
                id,
                referringAgency,
                status,
                subjectIdentityId,
                related,
                concerns,
                narrative,
                consent,
                urgency,
                referrer,
                receivedAt,
                rag,
                ragRationale,
                deadline,
                overdue,
                outcome,
                decisionRationale,
                crossAgencySignal,
                person.toString());
    }
}
