package uk.mashhub.ingest.signal;

import java.time.Instant;
import java.util.List;

/**
 * What the hub knows of contacts about one person within the window, and whether they add up.
 *
 * @param raised whether the contacts reach the policy's thresholds
 * @param evidence each contact: kind, agency, when, and its concerns or category — never its content
 */
public record CrossAgencySignal(boolean raised, int contacts, List<String> agencies, List<Contact> evidence) {

    /** One contact: a referral or a record, by which agency, when, about what kind of thing. */
    public record Contact(Kind kind, String agency, Instant at, List<String> about) {}

    public enum Kind {
        REFERRAL,
        RECORD
    }

    public CrossAgencySignal {
        agencies = List.copyOf(agencies);
        evidence = List.copyOf(evidence);
    }
}
