package uk.mashhub.kernel;

/**
 * Who does something: the agency they act for and their token subject (a client id or a person's
 * user name). Every command carries one; every audit event names one.
 */
public record Actor(AgencyId agency, String subject) {

    public Actor {
        if (agency == null) {
            throw new InvalidValue("actor's agency", "is required");
        }
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw new InvalidValue("actor", "must be 1 to 200 characters");
        }
    }
}
