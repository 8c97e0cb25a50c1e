package uk.mashhub.consent.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;

/**
 * One version of an information sharing agreement: its terms, the signatures on them and where it
 * is in its lifecycle. Every change returns a new value; a change the lifecycle does not allow
 * throws and changes nothing.
 */
public record AgreementVersion(
        AgreementRef ref,
        AgreementStatus storedStatus,
        AgreementTerms terms,
        String termsDigest,
        List<Signature> signatures,
        Actor draftedBy,
        Instant draftedAt,
        @Nullable Instant activatedAt,
        Instant statusChangedAt,
        @Nullable String statusReason) {

    public AgreementVersion {
        if (storedStatus == AgreementStatus.EXPIRED) {
            throw new IllegalArgumentException("EXPIRED is derived from the dates, never stored");
        }
        signatures = List.copyOf(signatures);
    }

    /** A new first version, in draft. */
    public static AgreementVersion draft(AgreementId id, AgreementTerms terms, String digest, Actor by, Instant now) {
        return new AgreementVersion(
                new AgreementRef(id, 1), AgreementStatus.DRAFT, terms, digest, List.of(), by, now, null, now, null);
    }

    /** The status on {@code today}: a live version past its end date is EXPIRED. */
    public AgreementStatus status(LocalDate today) {
        boolean live = storedStatus == AgreementStatus.ACTIVE || storedStatus == AgreementStatus.SUSPENDED;
        return live && today.isAfter(terms.validUntil()) ? AgreementStatus.EXPIRED : storedStatus;
    }

    public boolean isParty(AgencyId agency) {
        return terms.party(agency).isPresent();
    }

    /** Signatures on the current text. */
    public List<Signature> currentSignatures() {
        return signatures.stream()
                .filter(s -> s.termsDigest().equals(termsDigest))
                .toList();
    }

    /** Parties that have not signed the current text. */
    public Set<AgencyId> awaitingSignature() {
        Set<AgencyId> waiting = new LinkedHashSet<>();
        terms.parties().forEach(party -> waiting.add(party.agency()));
        currentSignatures().forEach(signature -> waiting.remove(signature.agency()));
        return waiting;
    }

    /** The next version, in draft, with the same terms: the start of an amendment. */
    public AgreementVersion amendment(Actor by, Instant now) {
        return new AgreementVersion(
                new AgreementRef(ref.id(), ref.version() + 1),
                AgreementStatus.DRAFT,
                terms,
                termsDigest,
                List.of(),
                by,
                now,
                null,
                now,
                null);
    }

    public AgreementVersion edited(AgreementTerms newTerms, String newDigest, Instant now) {
        requireStored(AgreementStatus.DRAFT, "Only a draft can be edited; amend the agreement to change it.");
        return new AgreementVersion(
                ref, storedStatus, newTerms, newDigest, signatures, draftedBy, draftedAt, null, now, null);
    }

    public AgreementVersion signed(Signature signature) {
        requireStored(AgreementStatus.DRAFT, "Only a draft can be signed.");
        if (!isParty(signature.agency())) {
            throw new HubProblem(AgreementProblems.NOT_A_PARTY, "Only the agreement's parties can sign it.");
        }
        if (!signature.termsDigest().equals(termsDigest)) {
            throw AgreementProblems.stateConflict("The text changed since it was read; read it again before signing.");
        }
        if (!awaitingSignature().contains(signature.agency())) {
            throw new HubProblem(
                    AgreementProblems.ALREADY_SIGNED, "Your agency has already signed this text of the agreement.");
        }
        List<Signature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new AgreementVersion(
                ref,
                storedStatus,
                terms,
                termsDigest,
                all,
                draftedBy,
                draftedAt,
                activatedAt,
                statusChangedAt,
                statusReason);
    }

    public AgreementVersion activated(Instant now) {
        requireStored(AgreementStatus.DRAFT, "Only a draft can be activated.");
        if (!awaitingSignature().isEmpty()) {
            throw new HubProblem(
                    AgreementProblems.SIGNATURES_MISSING,
                    awaitingSignature().size() + " of " + terms.parties().size()
                            + " parties have not signed this text yet.");
        }
        return withStatus(AgreementStatus.ACTIVE, now, null, now);
    }

    public AgreementVersion suspended(Instant now, String reason) {
        requireStored(AgreementStatus.ACTIVE, "Only an active agreement can be suspended.");
        return withStatus(AgreementStatus.SUSPENDED, now, reason, activatedAt);
    }

    public AgreementVersion resumed(Instant now) {
        requireStored(AgreementStatus.SUSPENDED, "Only a suspended agreement can be resumed.");
        return withStatus(AgreementStatus.ACTIVE, now, null, activatedAt);
    }

    public AgreementVersion terminated(Instant now, String reason) {
        if (storedStatus != AgreementStatus.ACTIVE && storedStatus != AgreementStatus.SUSPENDED) {
            throw AgreementProblems.stateConflict("Only an active or suspended agreement can be terminated.");
        }
        return withStatus(AgreementStatus.TERMINATED, now, reason, activatedAt);
    }

    /** This version replaced by a newer activated one. */
    public AgreementVersion superseded(Instant now) {
        if (storedStatus != AgreementStatus.ACTIVE && storedStatus != AgreementStatus.SUSPENDED) {
            throw AgreementProblems.stateConflict("Only a live version can be superseded.");
        }
        return withStatus(AgreementStatus.SUPERSEDED, now, null, activatedAt);
    }

    private AgreementVersion withStatus(
            AgreementStatus status, Instant now, @Nullable String reason, @Nullable Instant activated) {
        return new AgreementVersion(
                ref, status, terms, termsDigest, signatures, draftedBy, draftedAt, activated, now, reason);
    }

    private void requireStored(AgreementStatus expected, String sentence) {
        if (storedStatus != expected) {
            throw AgreementProblems.stateConflict(sentence + " This version is " + storedStatus + ".");
        }
    }
}
