package uk.mashhub.api.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.mashhub.api.RegisteredAgencies;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.AuditReceipt;
import uk.mashhub.audit.Auditable;
import uk.mashhub.audit.DecisionBasis;
import uk.mashhub.audit.GroupCommit;
import uk.mashhub.audit.Pseudonyms;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.decision.DenialCode;
import uk.mashhub.consent.decision.Reason;
import uk.mashhub.consent.decision.RecordFacts;
import uk.mashhub.consent.decision.ReferralFacts;
import uk.mashhub.consent.decision.ReleaseDecision;
import uk.mashhub.consent.decision.ReleaseDecisions;
import uk.mashhub.consent.decision.ReleaseRequest;
import uk.mashhub.ingest.person.IdentityId;
import uk.mashhub.ingest.person.Persons;
import uk.mashhub.ingest.record.AgencyRecord;
import uk.mashhub.ingest.record.AgencyRecords;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ProblemType;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * Releases records for a referral, following the rule of release: every record asked for gets its
 * own decision and its own audit event; the decisions are taken from what one read-only transaction
 * sees, their events are committed (together with other callers' — {@link GroupCommit}), provided
 * nothing the decisions read has changed meanwhile (else they are taken again); only then are the
 * permitted fields handed back. If the audit log cannot be written, nothing is released
 * and the caller gets 503. A release writes nothing but its audit events (ADR 0014).
 */
@Component
class Disclosures {

    static final ProblemType AUDIT_UNAVAILABLE =
            new ProblemType("audit-unavailable", "The disclosure could not be audited, so nothing was released", 503);

    static final ProblemType OUTDATED =
            new ProblemType("release-outdated", "What the release depends on kept changing while it was decided", 409);

    private static final Logger log = LoggerFactory.getLogger(Disclosures.class);

    /**
     * The audited changes of anything a release decision reads — a consent, an override or
     * break-glass, whether the referral is open, who is in the case (about the case's persons or
     * its referral), an agreement coming into or out of force and whether the caller's agency is a
     * partner (any: agreements and agencies are few and their changes rare). A decision is committed only if none of them was chained while it was
     * taken; otherwise it is taken again (ADR 0014, point 9). Left out, because they change nothing
     * a decision read: a new agency, drafts and edits of agreements, new referrals, records contributed (a record is only ever
     * added), a referral's triage and rating, an automatic link (it only ever joins a new identity
     * to a person: a case can gain records by it, never lose one), and every event that records
     * reading rather than changing (releases, searches, exports, checkpoints).
     */
    static final List<DecisionBasis.Change> RELEASE_BASIS = List.of(
            DecisionBasis.Change.about("ConsentGiven"),
            DecisionBasis.Change.about("ConsentRefused"),
            DecisionBasis.Change.about("ConsentWithdrawn"),
            DecisionBasis.Change.about("OverrideRecorded"),
            DecisionBasis.Change.about("OverrideApproved"),
            DecisionBasis.Change.about("OverrideRejected"),
            DecisionBasis.Change.about("BreakGlassRecorded"),
            DecisionBasis.Change.about("BreakGlassApproved"),
            DecisionBasis.Change.about("BreakGlassRejected"),
            DecisionBasis.Change.about("ReferralDecided"),
            DecisionBasis.Change.about("ReferralClosed"),
            DecisionBasis.Change.about("PersonUnlinked"),
            // a practitioner's confirmation moves an identity, with its records, off the person it was on
            DecisionBasis.Change.about("PersonLinked", "link", "CONFIRMED_BY_PRACTITIONER"),
            DecisionBasis.Change.any("AgreementSigned"),
            DecisionBasis.Change.any("AgreementActivated"),
            DecisionBasis.Change.any("AgreementSuspended"),
            DecisionBasis.Change.any("AgreementResumed"),
            DecisionBasis.Change.any("AgreementSuperseded"),
            DecisionBasis.Change.any("AgreementTerminated"),
            // whether the caller's agency is an active partner (agency changes are few and rare)
            DecisionBasis.Change.any("AgencyChanged"));

    /** Decisions outdated this many times in a row are not taken again: the caller is told to ask again. */
    private static final int ATTEMPTS = 3;

    /** What a caller asks for: one record, or the records of some categories / providers (empty = all). */
    record Ask(
            ReferralId referral,
            PurposeCode purpose,
            @Nullable UUID recordId,
            Set<DataCategory> categories,
            Set<AgencyId> providers,
            int limit) {}

    /** One record's outcome; {@code fields} holds only what was released (empty for a denial). */
    record Disclosure(
            UUID recordId,
            @Nullable AgencyRecord record,
            ReleaseDecision decision,
            Map<String, Object> fields,
            AuditReceipt receipt) {}

    /** @param complete false when more records matched than the limit; ask again, narrower */
    record Outcome(ReferralId referral, PurposeCode purpose, List<Disclosure> disclosures, boolean complete) {}

    private final Referrals referrals;
    private final Persons persons;
    private final AgencyRecords records;
    private final ReleaseDecisions decisions;
    private final GroupCommit auditCommits;
    private final TransactionTemplate readOnly;
    private final Pseudonyms pseudonyms;
    private final Agencies agencies;
    private final Clock clock;

    Disclosures(
            Referrals referrals,
            Persons persons,
            AgencyRecords records,
            ReleaseDecisions decisions,
            GroupCommit auditCommits,
            PlatformTransactionManager transactions,
            Pseudonyms pseudonyms,
            Agencies agencies,
            Clock clock) {
        this.referrals = referrals;
        this.persons = persons;
        this.records = records;
        this.decisions = decisions;
        this.auditCommits = auditCommits;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.pseudonyms = pseudonyms;
        this.agencies = agencies;
        this.clock = clock;
    }

    Outcome release(Ask ask, HubCaller caller) {
        for (int attempt = 1; ; attempt++) {
            try {
                return releaseOnce(ask, caller);
            } catch (GroupCommit.Outdated changed) {
                if (attempt == ATTEMPTS) {
                    log.warn("Release refused: what it depends on changed {} times while it was decided", ATTEMPTS);
                    throw new HubProblem(
                            OUTDATED,
                            "Consents, overrides, agreements, agencies or the people in this case changed while the release was decided, "
                                    + ATTEMPTS
                                    + " times in a row, so nothing was released. Ask again.");
                }
            }
        }
    }

    /** One decision and its audit; {@link GroupCommit.Outdated} if something it read changed meanwhile. */
    private Outcome releaseOnce(Ask ask, HubCaller caller) {
        Decided decided = java.util.Objects.requireNonNull(readOnly.execute(status -> decide(ask, caller)));
        if (decided.refusal() != null) {
            // not a partner, no part in the referral, or no such referral: the asking is audited
            audited(List.of(refused(decided.refusal(), ask, caller)), null); // depends on nothing that may change
            if (decided.refusal().equals(ReleaseRefused.AGENCY_NOT_A_PARTNER)) {
                throw RegisteredAgencies.notAPartner(caller);
            }
            throw new NotFound("referral");
        }
        if (decided.events().isEmpty()) {
            // a category or provider ask that found nothing: no decision to chain, but the asking is audited
            audited(List.of(refused(ReleaseRefused.NO_RECORD_FOUND, ask, caller)), null);
            return new Outcome(ask.referral(), ask.purpose(), List.of(), decided.complete());
        }
        List<AuditReceipt> receipts = audited(decided.events(), decided.basis());
        Map<UUID, AgencyRecord> byId = new HashMap<>();
        decided.held().forEach(candidate -> byId.put(candidate.record().id(), candidate.record()));
        List<Disclosure> disclosures = new ArrayList<>(decided.events().size());
        for (int i = 0; i < decided.events().size(); i++) {
            ReleaseDecided event = decided.events().get(i);
            AgencyRecord record = event.held() == null ? null : byId.get(event.recordId());
            Map<String, Object> fields = new LinkedHashMap<>();
            if (record != null && event.decision().permitted()) {
                event.decision()
                        .releasedFields()
                        .forEach(name -> fields.put(name, record.fields().get(name)));
            }
            disclosures.add(new Disclosure(event.recordId(), record, event.decision(), fields, receipts.get(i)));
        }
        if (referrer(caller)) {
            disclosures = asTheReferrerMaySeeThem(disclosures, ask);
        }
        return new Outcome(ask.referral(), ask.purpose(), disclosures, decided.complete());
    }

    /** A caller without {@code hub.triage}: the referring agency's own system, not the MASH. */
    private static boolean referrer(HubCaller caller) {
        return !caller.scopes().contains(HubScope.TRIAGE);
    }

    /**
     * What the referring agency's own system is told (ADR 0015, amended): the records released to
     * it, and of a record it may not have, nothing — the same answer as for nothing there. It must
     * not learn who else holds what about the child (the reason the cross-agency signal is kept from
     * it too); the MASH, which seeks consent and overrides, sees every decision with its reasons.
     * Every decision is audited as it was taken, with its real reasons.
     */
    private static List<Disclosure> asTheReferrerMaySeeThem(List<Disclosure> disclosures, Ask ask) {
        if (ask.recordId() == null) {
            return disclosures.stream()
                    .filter(disclosure -> disclosure.decision().permitted())
                    .toList();
        }
        return disclosures.stream()
                .map(disclosure -> disclosure.decision().permitted()
                        ? disclosure
                        : new Disclosure(
                                disclosure.recordId(),
                                null,
                                nothingThere(ask.purpose()),
                                Map.of(),
                                disclosure.receipt()))
                .toList();
    }

    /** The denial of a record the caller may not ask about: whether it does not exist, or is not theirs to know. */
    private static ReleaseDecision nothingThere(PurposeCode purpose) {
        return new ReleaseDecision(
                false,
                List.of(Reason.of(DenialCode.NOT_ABOUT_REFERRAL_SUBJECT)),
                null,
                purpose,
                null,
                null,
                null,
                null,
                List.of());
    }

    private ReleaseRefused refused(String reason, Ask ask, HubCaller caller) {
        return new ReleaseRefused(
                reason,
                ask.referral(),
                ask.purpose(),
                ask.recordId(),
                List.copyOf(ask.categories()),
                List.copyOf(ask.providers()),
                caller.actor(),
                clock.instant());
    }

    /** Commits the events; nothing may be answered if they were not (503). */
    private List<AuditReceipt> audited(List<? extends Auditable> events, @Nullable DecisionBasis basis) {
        try {
            return auditCommits.commit(events, basis);
        } catch (GroupCommit.NotCommitted auditFailed) {
            Throwable cause = auditFailed.getCause();
            log.error(
                    "Release refused: its audit could not be committed ({})",
                    cause == null ? auditFailed.getMessage() : cause.getClass().getSimpleName());
            throw new HubProblem(
                    AUDIT_UNAVAILABLE,
                    "The hub could not record this disclosure in its audit log, so it released nothing. Try again shortly.");
        }
    }

    /** The decisions, not yet audited: nothing of them may leave before their events are committed. */
    private record Decided(
            @Nullable String refusal,
            List<AgencyRecords.Held> held,
            List<ReleaseDecided> events,
            boolean complete,
            @Nullable DecisionBasis basis) {

        /** Nothing decided: the asking is refused for {@code reason} (a ReleaseRefused reason code). */
        static Decided refused(String reason) {
            return new Decided(reason, List.of(), List.of(), true, null);
        }
    }

    /**
     * The decisions, or a refusal when the caller's agency is not an active partner, or has no part
     * in the referral (or there is none).
     */
    private Decided decide(Ask ask, HubCaller caller) {
        DecisionBasis basis = auditCommits.basis(RELEASE_BASIS); // before anything the decision reads
        if (!agencies.isActive(caller.agency())) {
            return Decided.refused(ReleaseRefused.AGENCY_NOT_A_PARTNER);
        }
        Referral referral = referrals
                .find(ask.referral(), caller.agency(), caller.scopes().contains(HubScope.TRIAGE))
                .orElse(null);
        if (referral == null) {
            return Decided.refused(ReleaseRefused.REFERRAL_NOT_VISIBLE);
        }
        Set<IdentityId> identities = new HashSet<>();
        identities.add(referral.subject());
        referral.related().forEach(related -> identities.add(related.identity()));
        Set<PersonId> casePersons = new HashSet<>(persons.personsOf(identities).values());
        List<String> about = new ArrayList<>(casePersons.size() + 1);
        about.add(referral.id().toString());
        casePersons.forEach(person -> about.add(pseudonyms.of(person.toString())));
        basis = basis.about(about);
        ReferralFacts facts = new ReferralFacts(referral.id(), referral.status().open(), casePersons);

        List<AgencyRecords.Held> held;
        boolean complete = true;
        if (ask.recordId() != null) {
            held = records.held(ask.recordId()).filter(candidate -> casePersons.contains(candidate.person())).stream()
                    .toList();
        } else {
            // the referring agency's limit counts what is released to it, not what partners hold: it is
            // decided over every record (up to the maximum), or `complete` would let it count them
            int decidedAtMost = referrer(caller) ? ReleaseController.MAX_LIMIT : ask.limit();
            held = new ArrayList<>(
                    records.heldAbout(casePersons, ask.categories(), ask.providers(), decidedAtMost + 1));
            if (held.size() > decidedAtMost) {
                complete = false;
                held = held.subList(0, decidedAtMost);
            }
        }

        Instant now = clock.instant();
        List<ReleaseDecided> decided = new ArrayList<>(Math.max(1, held.size()));
        if (held.isEmpty() && ask.recordId() != null) {
            // Nothing the caller may ask about under this id: the same answer whether it does not
            // exist or is about someone outside the case.
            ReleaseDecision nothing = nothingThere(ask.purpose());
            decided.add(new ReleaseDecided(
                    AuditEvent.newId(), ask.recordId(), null, referral.id(), caller.actor(), nothing, now));
        } else {
            List<ReleaseRequest> requests = new ArrayList<>(held.size());
            for (AgencyRecords.Held candidate : held) {
                AgencyRecord record = candidate.record();
                requests.add(new ReleaseRequest(
                        caller.actor(),
                        ask.purpose(),
                        facts,
                        new RecordFacts(
                                record.id(),
                                record.provider(),
                                candidate.person(),
                                record.category(),
                                List.copyOf(record.fields().keySet()),
                                record.specialCategoryFields())));
            }
            List<ReleaseDecision> answers = decisions.decide(requests);
            for (int i = 0; i < held.size(); i++) {
                AgencyRecords.Held candidate = held.get(i);
                decided.add(new ReleaseDecided(
                        AuditEvent.newId(),
                        candidate.record().id(),
                        new ReleaseDecided.Held(
                                candidate.record().provider(),
                                candidate.person(),
                                candidate.record().category()),
                        referral.id(),
                        caller.actor(),
                        answers.get(i),
                        now));
            }
        }
        if (referrer(caller) && ask.recordId() == null) {
            // at most `limit` released, oldest first; a permit beyond it is not released, so not audited
            List<ReleaseDecided> upToTheLimit = new ArrayList<>(decided.size());
            int permits = 0;
            for (ReleaseDecided decision : decided) {
                if (decision.decision().permitted()) {
                    if (permits == ask.limit()) {
                        complete = false;
                        continue;
                    }
                    permits++;
                }
                upToTheLimit.add(decision);
            }
            decided = upToTheLimit;
        }
        return new Decided(null, held, decided, complete, basis);
    }
}
