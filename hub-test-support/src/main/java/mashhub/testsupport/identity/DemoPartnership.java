package mashhub.testsupport.identity;

import static uk.mashhub.kernel.HubScope.AUDIT;
import static uk.mashhub.kernel.HubScope.CONTRIBUTE;
import static uk.mashhub.kernel.HubScope.GOVERN;
import static uk.mashhub.kernel.HubScope.METRICS;
import static uk.mashhub.kernel.HubScope.RELEASE;
import static uk.mashhub.kernel.HubScope.REVIEW;
import static uk.mashhub.kernel.HubScope.TRIAGE;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.mashhub.kernel.HubScope;

/**
 * The small demo partnership of the local run and the tests: four agencies of the fictional county
 * of Northshire, their case systems (OAuth2 clients) and the people who sign in to the hub.
 */
public final class DemoPartnership {

    /** A partner agency. */
    public record DemoAgency(String id, String name, String type) {}

    /** An agency case system calling the API with client credentials. */
    public record AgencySystem(String clientId, String secret, String agency, Set<HubScope> scopes) {}

    /** A person who signs in; the role decides which scopes their tokens may carry. */
    public record Person(
            String username, String password, String displayName, String agency, String role, Set<HubScope> scopes) {}

    public static final String POLICE = "northshire-police";
    public static final String CHILDRENS_SOCIAL_CARE = "northshire-childrens-services";
    public static final String HEALTH = "northshire-health";
    public static final String EDUCATION = "northshire-education";

    public static final List<DemoAgency> AGENCIES = List.of(
            new DemoAgency(POLICE, "Northshire Police", "POLICE"),
            new DemoAgency(CHILDRENS_SOCIAL_CARE, "Northshire Children's Services", "CHILDRENS_SOCIAL_CARE"),
            new DemoAgency(HEALTH, "Northshire Integrated Care Board", "HEALTH"),
            new DemoAgency(EDUCATION, "Northshire Schools Partnership", "EDUCATION"));

    public static final List<AgencySystem> SYSTEMS = List.of(
            new AgencySystem("police-case-system", "police-demo-secret", POLICE, Set.of(CONTRIBUTE, RELEASE)),
            new AgencySystem(
                    "childrens-case-system",
                    "childrens-demo-secret",
                    CHILDRENS_SOCIAL_CARE,
                    Set.of(CONTRIBUTE, RELEASE)),
            new AgencySystem("health-case-system", "health-demo-secret", HEALTH, Set.of(CONTRIBUTE, RELEASE)),
            new AgencySystem("education-case-system", "education-demo-secret", EDUCATION, Set.of(CONTRIBUTE, RELEASE)),
            new AgencySystem("hub-monitoring", "monitoring-demo-secret", CHILDRENS_SOCIAL_CARE, Set.of(METRICS)),
            // the information governance team's tooling: the disclosure log, its exports and verification
            new AgencySystem("audit-tool", "audit-demo-secret", CHILDRENS_SOCIAL_CARE, Set.of(AUDIT)));

    /** Every demo person signs in with this password. */
    public static final String DEMO_PASSWORD = "demo-password";

    public static final List<Person> PEOPLE = List.of(
            new Person(
                    "pat.practitioner",
                    DEMO_PASSWORD,
                    "Pat Practitioner",
                    CHILDRENS_SOCIAL_CARE,
                    "MASH practitioner",
                    Set.of(TRIAGE, RELEASE, CONTRIBUTE)),
            new Person(
                    "paul.police",
                    DEMO_PASSWORD,
                    "Paul Police",
                    POLICE,
                    "MASH practitioner",
                    Set.of(TRIAGE, RELEASE, CONTRIBUTE)),
            new Person(
                    "iris.governance",
                    DEMO_PASSWORD,
                    "Iris Governance",
                    CHILDRENS_SOCIAL_CARE,
                    "Information governance",
                    Set.of(GOVERN)),
            new Person(
                    "gwen.guardian",
                    DEMO_PASSWORD,
                    "Gwen Guardian",
                    HEALTH,
                    "Caldicott Guardian",
                    Set.of(REVIEW, GOVERN)),
            new Person("alex.auditor", DEMO_PASSWORD, "Alex Auditor", CHILDRENS_SOCIAL_CARE, "Auditor", Set.of(AUDIT)),
            // a data protection officer: audits, and as a reviewer may withhold entries from a subject access answer
            new Person(
                    "dana.dpo",
                    DEMO_PASSWORD,
                    "Dana DPO",
                    CHILDRENS_SOCIAL_CARE,
                    "Data protection officer",
                    Set.of(AUDIT, REVIEW)),
            // an auditor of an agency that is not partnership-wide: sees only what health took part in
            new Person(
                    "holly.health-auditor", DEMO_PASSWORD, "Holly Health-Auditor", HEALTH, "Auditor", Set.of(AUDIT)));

    /** The public client the hub's web pages sign people in with (authorization code + PKCE). */
    public static final String WEB_CLIENT_ID = "mash-hub-web";

    /** The web client's secret: it is a confidential client, and uses PKCE as well. */
    public static final String WEB_CLIENT_SECRET = "web-demo-secret";

    private DemoPartnership() {}

    public static Optional<AgencySystem> system(String clientId) {
        return SYSTEMS.stream().filter(s -> s.clientId().equals(clientId)).findFirst();
    }

    public static Optional<Person> person(String username) {
        return PEOPLE.stream().filter(p -> p.username().equals(username)).findFirst();
    }
}
