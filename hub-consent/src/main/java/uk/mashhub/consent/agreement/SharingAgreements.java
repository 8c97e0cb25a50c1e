package uk.mashhub.consent.agreement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.consent.agency.Agency;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;

/**
 * The partnership's information sharing agreements: drafting, signing and the lifecycle of each
 * version. Only parties see an agreement or act on it; every change is audited in its transaction.
 * Changes to one agreement are serialised by locking its versions, so concurrent activate and
 * suspend calls each see the other's result.
 */
@Component
@Transactional
public class SharingAgreements {

    private final StoredAgreements stored;
    private final TermsDocument documents;
    private final Agencies agencies;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SharingAgreements(
            StoredAgreements stored,
            TermsDocument documents,
            Agencies agencies,
            ApplicationEventPublisher events,
            Clock clock) {
        this.stored = stored;
        this.documents = documents;
        this.agencies = agencies;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A signature as the signing agency writes it.
     *
     * @param forAgency the agency the signer means to sign for, when they say; it must be their own
     * @param termsDigest the digest of the text the signer read, when given; it must be the current one
     */
    public record Signing(
            String signatoryName,
            String signatoryRole,
            @Nullable AgencyId forAgency,
            @Nullable String termsDigest) {}

    public AgreementVersion draft(AgreementDraft draft, Actor by) {
        AgreementTerms terms = terms(draft);
        requireParty(terms, by);
        Instant now = clock.instant();
        var version = AgreementVersion.draft(AgreementId.random(), terms, documents.digest(terms), by, now);
        stored.insert(version);
        events.publishEvent(new AgreementEvent.Drafted(version.ref(), by, now, version.termsDigest()));
        return version;
    }

    public AgreementVersion edit(AgreementRef ref, AgreementDraft draft, Actor by) {
        AgreementVersion current = lockedVersion(ref, by);
        AgreementTerms terms = terms(draft);
        requireParty(terms, by);
        Instant now = clock.instant();
        AgreementVersion edited = current.edited(terms, documents.digest(terms), now);
        stored.update(edited);
        events.publishEvent(new AgreementEvent.Edited(ref, by, now, edited.termsDigest()));
        return edited;
    }

    public AgreementVersion sign(AgreementRef ref, Signing signing, Actor by) {
        if (signing.forAgency() != null && !signing.forAgency().equals(by.agency())) {
            throw new HubProblem(
                    AgreementProblems.SIGNING_FOR_ANOTHER_AGENCY,
                    "You act for " + by.agency() + " and can sign only for it.");
        }
        AgreementVersion current = lockedVersion(ref, by);
        if (signing.signatoryName().isBlank() || signing.signatoryRole().isBlank()) {
            throw new InvalidValue("signatory", "needs a name and a role");
        }
        Instant now = clock.instant();
        String digest = signing.termsDigest() == null ? current.termsDigest() : signing.termsDigest();
        var signature =
                new Signature(by.agency(), signing.signatoryName(), signing.signatoryRole(), by.subject(), now, digest);
        AgreementVersion signed = current.signed(signature);
        stored.insertSignature(ref, signature);
        events.publishEvent(new AgreementEvent.Signed(ref, by, now, by.agency(), digest));
        return signed;
    }

    /** Puts a fully signed draft in force; the version it amends, if any, is superseded. */
    public AgreementVersion activate(AgreementRef ref, Actor by) {
        List<AgreementVersion> all = stored.lockAll(ref.id());
        AgreementVersion current = visible(all, ref, by);
        Instant now = clock.instant();
        AgreementVersion activated = current.activated(now);
        for (AgreementVersion other : all) {
            boolean live =
                    other.storedStatus() == AgreementStatus.ACTIVE || other.storedStatus() == AgreementStatus.SUSPENDED;
            if (live && other.ref().version() < ref.version()) {
                stored.update(other.superseded(now));
                events.publishEvent(new AgreementEvent.Superseded(other.ref(), by, now, ref.version()));
            }
        }
        stored.update(activated);
        events.publishEvent(new AgreementEvent.Activated(ref, by, now));
        return activated;
    }

    public AgreementVersion suspend(AgreementRef ref, String reason, Actor by) {
        return change(
                ref,
                by,
                (current, now) -> current.suspended(now, requireReason(reason)),
                AgreementEvent.Suspended::new);
    }

    public AgreementVersion resume(AgreementRef ref, Actor by) {
        return change(ref, by, (current, now) -> current.resumed(now), AgreementEvent.Resumed::new);
    }

    public AgreementVersion terminate(AgreementRef ref, String reason, Actor by) {
        return change(
                ref,
                by,
                (current, now) -> current.terminated(now, requireReason(reason)),
                AgreementEvent.Terminated::new);
    }

    /** The event a lifecycle step publishes. */
    private interface StepEvent {
        AgreementEvent of(AgreementRef ref, Actor by, Instant at);
    }

    /** A lifecycle step on a locked version: the version refuses steps its status does not allow. */
    private AgreementVersion change(
            AgreementRef ref,
            Actor by,
            java.util.function.BiFunction<AgreementVersion, Instant, AgreementVersion> step,
            StepEvent event) {
        AgreementVersion current = lockedVersion(ref, by);
        Instant now = clock.instant();
        AgreementVersion changed = step.apply(current, now);
        stored.update(changed);
        events.publishEvent(event.of(ref, by, now));
        return changed;
    }

    /** Starts a new version, in draft, from the newest one; the agreement may have one draft at a time. */
    public AgreementVersion amend(AgreementId id, Actor by) {
        List<AgreementVersion> all = stored.lockAll(id);
        if (all.isEmpty() || !all.getLast().isParty(by.agency())) {
            throw new NotFound("agreement");
        }
        AgreementVersion newest = all.getLast();
        if (newest.storedStatus() == AgreementStatus.DRAFT) {
            throw new HubProblem(
                    AgreementProblems.DRAFT_ALREADY_OPEN,
                    "Version " + newest.ref().version() + " is still a draft: edit it rather than starting another.");
        }
        if (newest.storedStatus() == AgreementStatus.TERMINATED) {
            throw AgreementProblems.stateConflict("A terminated agreement cannot be amended; draft a new one.");
        }
        Instant now = clock.instant();
        AgreementVersion amendment = newest.amendment(by, now);
        stored.insert(amendment);
        events.publishEvent(new AgreementEvent.Drafted(amendment.ref(), by, now, amendment.termsDigest()));
        return amendment;
    }

    @Transactional(readOnly = true)
    public Optional<AgreementVersion> version(AgreementRef ref, AgencyId viewer) {
        return stored.find(ref).filter(version -> version.isParty(viewer));
    }

    /** Every version of an agreement, oldest first, if the viewer is party to its newest version. */
    @Transactional(readOnly = true)
    public List<AgreementVersion> versions(AgreementId id, AgencyId viewer) {
        List<AgreementVersion> all = stored.versions(id);
        return all.isEmpty() || !all.getLast().isParty(viewer) ? List.of() : all;
    }

    /** The newest version of every agreement the viewer's agency is party to. */
    @Transactional(readOnly = true)
    public List<AgreementVersion> agreementsOf(AgencyId viewer) {
        return stored.latestFor(viewer);
    }

    /** What release decisions weigh: every ACTIVE or SUSPENDED version, in one query. */
    @Transactional(readOnly = true)
    public List<AgreementVersion> live() {
        return stored.live();
    }

    private AgreementVersion lockedVersion(AgreementRef ref, Actor by) {
        return visible(stored.lockAll(ref.id()), ref, by);
    }

    private static AgreementVersion visible(List<AgreementVersion> all, AgreementRef ref, Actor by) {
        return all.stream()
                .filter(version -> version.ref().equals(ref) && version.isParty(by.agency()))
                .findFirst()
                .orElseThrow(() -> new NotFound("agreement version"));
    }

    private AgreementTerms terms(AgreementDraft draft) {
        List<Party> parties = new ArrayList<>();
        for (AgencyId id : draft.parties()) {
            Agency agency = agencies.find(id)
                    .orElseThrow(() -> new HubProblem(
                            Agencies.UNKNOWN_AGENCY, "Party " + id + " is not a partner agency of the hub."));
            parties.add(new Party(agency.id(), agency.type()));
        }
        return new AgreementTerms(
                draft.title(), parties, draft.validFrom(), draft.validUntil(), draft.reviewDate(), draft.purposes());
    }

    private static void requireParty(AgreementTerms terms, Actor by) {
        if (terms.party(by.agency()).isEmpty()) {
            throw new HubProblem(AgreementProblems.NOT_A_PARTY, "An agency drafts only agreements it is party to.");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new InvalidValue("reason", "must be 1 to 1000 characters");
        }
        return reason;
    }
}
