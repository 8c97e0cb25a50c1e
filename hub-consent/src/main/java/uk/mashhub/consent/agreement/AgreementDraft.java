package uk.mashhub.consent.agreement;

import java.time.LocalDate;
import java.util.List;
import uk.mashhub.kernel.AgencyId;

/** What a drafter writes: the terms with parties named by id (their types are looked up). */
public record AgreementDraft(
        String title,
        List<AgencyId> parties,
        LocalDate validFrom,
        LocalDate validUntil,
        LocalDate reviewDate,
        List<Purpose> purposes) {

    public AgreementDraft {
        parties = List.copyOf(parties);
        purposes = List.copyOf(purposes);
    }
}
