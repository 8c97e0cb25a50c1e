package uk.mashhub.ingest.referral;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.mashhub.kernel.InvalidValue;

/** What an agency posts: the concern about a subject and the persons related to them. */
public record ReferralSubmission(
        PersonReport subject,
        List<PersonReport> related,
        Set<ConcernCategory> concerns,
        String narrative,
        ConsentPosition consent,
        Urgency urgency,
        ReferrerContact referrer) {

    public ReferralSubmission {
        if (concerns == null || concerns.isEmpty()) {
            throw new InvalidValue("concerns", "must name at least one concern category");
        }
        if (narrative == null || narrative.isBlank() || narrative.length() > 20_000) {
            throw new InvalidValue("narrative", "must be 1 to 20000 characters");
        }
        related = related == null ? List.of() : List.copyOf(related);
        concerns = Set.copyOf(concerns);
        // one local id is one identity: a second person under it would merge two people's details
        Set<String> localIds = new HashSet<>();
        localIds.add(subject.localId());
        for (int i = 0; i < related.size(); i++) {
            if (!localIds.add(related.get(i).localId())) {
                throw new InvalidValue(
                        "local id of related person " + (i + 1),
                        "is already used for another person in this referral; each person needs their own");
            }
        }
    }
}
