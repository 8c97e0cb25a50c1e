package uk.mashhub.api.agreement;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.agreement.SharingAgreements;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.LocalTime;

/**
 * The purposes a practitioner can choose from on a page: those of the agreements in force today
 * that their agency is party to. Offering others would only lead to a refusal.
 */
@Component
public class AgreedPurposes {

    private final SharingAgreements agreements;
    private final Clock clock;

    AgreedPurposes(SharingAgreements agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    /** Every purpose in force for the agency, by code. */
    public List<String> of(AgencyId agency) {
        return codes(agency, false);
    }

    /** Only the purposes whose agreement lets an override justify sharing without consent. */
    public List<String> overridableFor(AgencyId agency) {
        return codes(agency, true);
    }

    private List<String> codes(AgencyId agency, boolean overridableOnly) {
        var today = LocalTime.today(clock.instant());
        return List.copyOf(agreements.agreementsOf(agency).stream()
                .filter(version -> version.status(today) == AgreementStatus.ACTIVE)
                .flatMap(version -> version.terms().purposes().stream())
                .filter(purpose -> !overridableOnly || purpose.overrideAllowed())
                .map(Purpose::code)
                .map(code -> code.value())
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
