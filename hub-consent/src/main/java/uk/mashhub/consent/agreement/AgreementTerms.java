package uk.mashhub.consent.agreement;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PurposeCode;

/**
 * What one version of an agreement says: its parties, when it is in force, when it must be
 * reviewed, and the purposes (with their flows) it allows sharing for. Immutable; a change is a
 * new draft or a new version.
 */
public record AgreementTerms(
        String title,
        List<Party> parties,
        LocalDate validFrom,
        LocalDate validUntil,
        LocalDate reviewDate,
        List<Purpose> purposes) {

    public AgreementTerms {
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new InvalidValue("agreement title", "must be 1 to 300 characters");
        }
        if (parties == null || parties.size() < 2) {
            throw new InvalidValue("agreement's parties", "must be at least two agencies");
        }
        Set<AgencyId> distinct = new HashSet<>();
        for (Party party : parties) {
            if (!distinct.add(party.agency())) {
                throw new InvalidValue("agreement's parties", "must not name an agency twice");
            }
        }
        if (validFrom == null || validUntil == null || !validFrom.isBefore(validUntil)) {
            throw new InvalidValue("agreement's validity", "must start before it ends");
        }
        if (reviewDate == null || reviewDate.isBefore(validFrom) || reviewDate.isAfter(validUntil)) {
            throw new InvalidValue("agreement's review date", "must fall within its validity");
        }
        if (purposes == null || purposes.isEmpty()) {
            throw new InvalidValue("agreement's purposes", "must hold at least one purpose");
        }
        Set<PurposeCode> codes = new HashSet<>();
        for (Purpose purpose : purposes) {
            if (!codes.add(purpose.code())) {
                throw new InvalidValue("agreement's purposes", "must not name a purpose twice");
            }
            for (Flow flow : purpose.flows()) {
                requireSelectsAParty(flow.provider(), parties, purpose.code());
                requireSelectsAParty(flow.recipient(), parties, purpose.code());
            }
        }
        parties = List.copyOf(parties);
        purposes = List.copyOf(purposes);
    }

    private static void requireSelectsAParty(PartySelector end, List<Party> parties, PurposeCode purpose) {
        if (parties.stream().noneMatch(end::selects)) {
            throw new InvalidValue("flow of purpose " + purpose, "must run between parties of the agreement");
        }
    }

    public Optional<Party> party(AgencyId agency) {
        for (Party party : parties) {
            if (party.agency().equals(agency)) {
                return Optional.of(party);
            }
        }
        return Optional.empty();
    }

    public Optional<Purpose> purpose(PurposeCode code) {
        for (Purpose purpose : purposes) {
            if (purpose.code().equals(code)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }
}
