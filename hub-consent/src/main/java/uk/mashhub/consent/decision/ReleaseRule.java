package uk.mashhub.consent.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.agreement.Party;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.consents.Consent;
import uk.mashhub.consent.consents.ConsentId;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.consent.override.OverrideKind;
import uk.mashhub.consent.override.ReviewOutcome;
import uk.mashhub.consent.override.SharingOverride;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * The rule of release as a pure function of (request, agreements, consents, overrides, clock
 * reading). {@link #prepare} indexes the loaded data once; {@link #decide} then answers each
 * request in memory, with no I/O and no shared mutable state, so one prepared rule serves a whole
 * batch and any number of threads.
 *
 * <p>A record is released only when, at {@code now}: the referral is open and about the record's
 * subject; an ACTIVE agreement within its dates has the purpose, both agencies as parties and a
 * flow for the category; the purpose's lawful ground holds (a consent in force on an accepted
 * form, no consent needed, or an override in force where the purpose allows one); and at least one
 * field may go. Agreements are tried in a stable order and the first that permits is used. When
 * none does, a break-glass in force (emergency, outside any agreement) permits the fields it
 * names, still only for an open referral about the record's subject. Otherwise the decision is
 * DENY with every reason that applied.
 */
public final class ReleaseRule {

    private final Instant now;
    private final List<Prepared> agreements;
    private final Map<PersonId, List<Consent>> consents;
    private final Map<ReferralId, List<SharingOverride>> overrides;

    private ReleaseRule(
            Instant now,
            List<Prepared> agreements,
            Map<PersonId, List<Consent>> consents,
            Map<ReferralId, List<SharingOverride>> overrides) {
        this.now = now;
        this.agreements = agreements;
        this.consents = consents;
        this.overrides = overrides;
    }

    /**
     * Prepares the rule over loaded data.
     *
     * @param agreements agreement versions to weigh (the live ones; drafts and ended ones permit nothing anyway)
     * @param consents each person's consent history, oldest first
     * @param overrides each referral's overrides and break-glass
     * @param now the clock reading every decision of this batch is made at
     */
    public static ReleaseRule prepare(
            Collection<AgreementVersion> agreements,
            Map<PersonId, List<Consent>> consents,
            Map<ReferralId, List<SharingOverride>> overrides,
            Instant now) {
        LocalDate today = LocalTime.today(now);
        List<Prepared> prepared = new ArrayList<>();
        agreements.stream()
                .filter(v ->
                        v.storedStatus() == AgreementStatus.ACTIVE || v.storedStatus() == AgreementStatus.SUSPENDED)
                .sorted((a, b) -> a.ref().id().value().compareTo(b.ref().id().value()))
                .forEach(version -> prepared.add(Prepared.of(version, today)));
        return new ReleaseRule(now, List.copyOf(prepared), Map.copyOf(consents), Map.copyOf(overrides));
    }

    /** The decision for one request. */
    public ReleaseDecision decide(ReleaseRequest request) {
        RecordFacts record = request.record();
        ReferralFacts referral = request.referral();
        EnumSet<DenialCode> reasons = EnumSet.noneOf(DenialCode.class);
        if (!referral.open()) {
            reasons.add(DenialCode.REFERRAL_NOT_OPEN);
        }
        if (!referral.persons().contains(record.subject())) {
            reasons.add(DenialCode.NOT_ABOUT_REFERRAL_SUBJECT);
        }
        List<SharingOverride> referralOverrides = overrides.getOrDefault(referral.id(), List.of());

        boolean anyRelevant = false;
        EnumSet<DenialCode> agreementReasons = EnumSet.noneOf(DenialCode.class);
        for (Prepared agreement : agreements) {
            Party provider = agreement.parties.get(record.provider());
            Party recipient = agreement.parties.get(request.requester().agency());
            if (provider == null && recipient == null) {
                continue;
            }
            anyRelevant = true;
            EnumSet<DenialCode> local = EnumSet.noneOf(DenialCode.class);
            switch (agreement.status) {
                case SUSPENDED -> local.add(DenialCode.AGREEMENT_SUSPENDED);
                case EXPIRED -> local.add(DenialCode.AGREEMENT_EXPIRED);
                default -> {
                    if (agreement.notYetValid) {
                        local.add(DenialCode.AGREEMENT_NOT_YET_VALID);
                    }
                }
            }
            if (provider == null) {
                local.add(DenialCode.PROVIDER_NOT_A_PARTY);
            }
            if (recipient == null) {
                local.add(DenialCode.RECIPIENT_NOT_A_PARTY);
            }
            Purpose purpose = agreement.purposes.get(request.purpose());
            if (purpose == null) {
                local.add(DenialCode.PURPOSE_NOT_IN_AGREEMENT);
                agreementReasons.addAll(local);
                continue;
            }
            Flow flow = null;
            if (provider != null && recipient != null) {
                flow = flowFor(purpose, provider, recipient, record);
                if (flow == null) {
                    local.add(DenialCode.CATEGORY_NOT_IN_ANY_FLOW);
                }
            }
            Ground ground = lawfulGround(purpose, agreement, request, referralOverrides, local);
            List<String> fields = List.of();
            if (flow != null) {
                fields = permittedFields(record, flow);
                if (fields.isEmpty()) {
                    local.add(DenialCode.NO_PERMITTED_FIELDS);
                }
            }
            if (local.isEmpty() && reasons.isEmpty() && ground != null) {
                return new ReleaseDecision(
                        true,
                        List.of(),
                        agreement.version.ref(),
                        request.purpose(),
                        flow,
                        ground.ground,
                        ground.consent,
                        ground.override,
                        fields);
            }
            agreementReasons.addAll(local);
        }
        if (!anyRelevant) {
            reasons.add(DenialCode.NO_ACTIVE_AGREEMENT);
        }
        reasons.addAll(agreementReasons);

        // No agreement permits: an emergency break-glass in force is the last way (never past the referral's tests).
        OverrideMatch glass = match(referralOverrides, OverrideKind.BREAK_GLASS, request, null);
        if (glass.inForce != null && referral.open() && referral.persons().contains(record.subject())) {
            EnumSet<DenialCode> glassReasons = EnumSet.noneOf(DenialCode.class);
            checkJustified(glass.inForce, glassReasons);
            List<String> fields =
                    intersect(record.fields(), glass.inForce.scope().fields());
            if (glassReasons.isEmpty() && !fields.isEmpty()) {
                return new ReleaseDecision(
                        true,
                        List.of(),
                        null,
                        request.purpose(),
                        null,
                        LawfulGround.BREAK_GLASS,
                        null,
                        glass.inForce.id(),
                        fields);
            }
            reasons.addAll(glassReasons);
            if (fields.isEmpty()) {
                reasons.add(DenialCode.NO_PERMITTED_FIELDS);
            }
        }
        glass.addLapses(reasons);
        List<Reason> listed = new ArrayList<>(reasons.size());
        for (DenialCode code : reasons) {
            listed.add(Reason.of(code));
        }
        return new ReleaseDecision(false, listed, null, request.purpose(), null, null, null, null, List.of());
    }

    /** What a purpose's lawful ground rests on for this request, or null with the reasons added to {@code reasons}. */
    private @Nullable Ground lawfulGround(
            Purpose purpose,
            Prepared agreement,
            ReleaseRequest request,
            List<SharingOverride> referralOverrides,
            EnumSet<DenialCode> reasons) {
        if (purpose.consentMode() == ConsentMode.NOT_REQUIRED) {
            return Ground.AGREEMENT;
        }
        if (purpose.consentMode() == ConsentMode.REQUIRED) {
            Consent consent = latestCovering(request, agreement);
            DenialCode problem = consentProblem(consent, purpose);
            if (problem == null) {
                return new Ground(LawfulGround.CONSENT, consent.id(), null);
            }
            OverrideMatch match = match(referralOverrides, OverrideKind.OVERRIDE, request, purpose.code());
            if (match.inForce == null) {
                reasons.add(problem);
                match.addLapses(reasons);
                return null;
            }
            if (!purpose.overrideAllowed()) {
                reasons.add(problem);
                reasons.add(DenialCode.OVERRIDE_NOT_ALLOWED);
                return null;
            }
            Ground ground = justified(match.inForce, reasons);
            if (ground == null) {
                reasons.add(problem);
            }
            return ground;
        }
        OverrideMatch match = match(referralOverrides, OverrideKind.OVERRIDE, request, purpose.code());
        if (match.inForce == null) {
            reasons.add(DenialCode.JUSTIFICATION_NOT_RECORDED);
            match.addLapses(reasons);
            return null;
        }
        return justified(match.inForce, reasons);
    }

    private static @Nullable Ground justified(SharingOverride override, EnumSet<DenialCode> reasons) {
        int before = reasons.size();
        checkJustified(override, reasons);
        return reasons.size() == before ? new Ground(LawfulGround.OVERRIDE, null, override.id()) : null;
    }

    private static void checkJustified(SharingOverride override, EnumSet<DenialCode> reasons) {
        if (override.justification() == null || override.justification().isBlank()) {
            reasons.add(DenialCode.OVERRIDE_WITHOUT_JUSTIFICATION);
        }
        if (override.gateway() == null || override.gateway().isBlank()) {
            reasons.add(DenialCode.OVERRIDE_WITHOUT_GATEWAY);
        }
    }

    /** The latest consent entry, recorded by now, that covers this purpose, recipient and category. */
    private @Nullable Consent latestCovering(ReleaseRequest request, Prepared agreement) {
        List<Consent> history = consents.get(request.record().subject());
        if (history == null) {
            return null;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            Consent entry = history.get(i);
            if (!entry.recordedAt().isAfter(now)
                    && entry.scope()
                            .covers(
                                    request.purpose(),
                                    request.requester().agency(),
                                    request.record().category(),
                                    agreement.isParty)) {
                return entry;
            }
        }
        return null;
    }

    private @Nullable DenialCode consentProblem(@Nullable Consent consent, Purpose purpose) {
        if (consent == null) {
            return DenialCode.CONSENT_MISSING;
        }
        return switch (consent.status()) {
            case REFUSED -> DenialCode.CONSENT_REFUSED;
            case WITHDRAWN -> DenialCode.CONSENT_WITHDRAWN;
            case GIVEN -> {
                if (now.isBefore(consent.validFrom())) {
                    yield DenialCode.CONSENT_MISSING;
                }
                if (consent.validUntil() != null && !now.isBefore(consent.validUntil())) {
                    yield DenialCode.CONSENT_EXPIRED;
                }
                yield purpose.acceptedConsentForms().contains(consent.evidence())
                        ? null
                        : DenialCode.CONSENT_FORM_NOT_ACCEPTED;
            }
        };
    }

    /** The first override of this kind for this requester, record and purpose that is in force; lapsed ones are noted. */
    private OverrideMatch match(
            List<SharingOverride> referralOverrides,
            OverrideKind kind,
            ReleaseRequest request,
            @Nullable PurposeCode purpose) {
        SharingOverride inForce = null;
        boolean expired = false;
        boolean rejected = false;
        for (SharingOverride override : referralOverrides) {
            if (override.kind() != kind
                    || !override.recipient().equals(request.requester().agency())
                    || !override.person().equals(request.record().subject())
                    || !override.scope()
                            .covers(
                                    request.record().provider(),
                                    request.record().category())
                    || (purpose != null && !purpose.equals(override.scope().purpose()))) {
                continue;
            }
            if (override.inForce(now)) {
                inForce = override;
                break;
            }
            if (override.review().outcome() == ReviewOutcome.REJECTED) {
                rejected = true;
            } else {
                expired = true;
            }
        }
        return new OverrideMatch(inForce, expired, rejected);
    }

    private static @Nullable Flow flowFor(Purpose purpose, Party provider, Party recipient, RecordFacts record) {
        for (Flow flow : purpose.flows()) {
            if (flow.carries(provider, recipient, record.category())) {
                return flow;
            }
        }
        return null;
    }

    /** The record's fields the flow permits, without special-category ones unless the flow allows them. */
    private static List<String> permittedFields(RecordFacts record, Flow flow) {
        List<String> permitted = flow.permittedFields();
        List<String> released = new ArrayList<>(record.fields().size());
        for (String field : record.fields()) {
            if (Collections.binarySearch(permitted, field) >= 0
                    && (flow.specialCategoryAllowed()
                            || !record.specialCategoryFields().contains(field))) {
                released.add(field);
            }
        }
        return released;
    }

    private static List<String> intersect(List<String> fields, List<String> sortedAllowed) {
        List<String> released = new ArrayList<>(fields.size());
        for (String field : fields) {
            if (Collections.binarySearch(sortedAllowed, field) >= 0) {
                released.add(field);
            }
        }
        return released;
    }

    private record Ground(
            LawfulGround ground,
            @Nullable ConsentId consent,
            @Nullable OverrideId override) {
        static final Ground AGREEMENT = new Ground(LawfulGround.AGREEMENT, null, null);
    }

    private record OverrideMatch(@Nullable SharingOverride inForce, boolean expired, boolean rejected) {
        void addLapses(EnumSet<DenialCode> reasons) {
            if (inForce == null && expired) {
                reasons.add(DenialCode.OVERRIDE_EXPIRED);
            }
            if (inForce == null && rejected) {
                reasons.add(DenialCode.OVERRIDE_REJECTED);
            }
        }
    }

    /** An agreement version indexed for decisions, with its status on the batch's day. */
    private record Prepared(
            AgreementVersion version,
            AgreementStatus status,
            boolean notYetValid,
            Map<AgencyId, Party> parties,
            Map<PurposeCode, Purpose> purposes,
            Predicate<AgencyId> isParty) {

        static Prepared of(AgreementVersion version, LocalDate today) {
            Map<AgencyId, Party> parties = new HashMap<>();
            version.terms().parties().forEach(party -> parties.put(party.agency(), party));
            Map<PurposeCode, Purpose> purposes = new HashMap<>();
            version.terms().purposes().forEach(purpose -> purposes.put(purpose.code(), purpose));
            Map<AgencyId, Party> frozen = Map.copyOf(parties);
            return new Prepared(
                    version,
                    version.status(today),
                    today.isBefore(version.terms().validFrom()),
                    frozen,
                    Map.copyOf(purposes),
                    frozen::containsKey);
        }
    }
}
