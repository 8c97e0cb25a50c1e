package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mashhub.local.DemoData;
import mashhub.testsupport.Http;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

/**
 * A case to release records for, under the worked-example Northshire agreement: a police referral
 * about a child, a police incident about the same child (linked by NHS number) and one about
 * another child.
 *
 * @param releases the referral's releases path
 * @param childsNhsNumber the child's NHS number, for contributing more about them
 */
public record ReleaseCase(String releases, String policeRecord, String otherChildsRecord, String childsNhsNumber) {

    /** A random NHS number that passes the modulus 11 check. */
    static String nhsNumber() {
        while (true) {
            int[] digits = new int[9];
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                digits[i] = ThreadLocalRandom.current().nextInt(10);
                sum += digits[i] * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            StringBuilder number = new StringBuilder();
            for (int digit : digits) {
                number.append(digit);
            }
            return number.append(check == 11 ? 0 : check).toString();
        }
    }

    /** A person document of the case's child (Amelia Hart) as an agency knows her under {@code localId}. */
    static String person(String localId, String nhs) {
        return """
                {"localId": "%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                 "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "%s"}""".formatted(localId, nhs);
    }

    private static String contributed(Http http, String agency, String subject, String category, String fields) {
        return contributed(http, agency, subject, category, fields, "2026-10-01T10:00:00Z");
    }

    /** Contributes, as {@code agency}, a record about {@code subject} (a person document); answers its id. */
    static String contributed(
            Http http, String agency, String subject, String category, String fields, String recordedAt) {
        var response =
                http.send("POST", "/api/records", token(agency, HubScope.CONTRIBUTE), "application/json", """
                {"subject": %s, "category": "%s", "fields": %s, "specialCategoryFields": [],
                 "sourceReference": "REF-1", "recordedAt": "%s"}""".formatted(
                                subject, category, fields, recordedAt));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asString();
    }

    /**
     * The audit event a disclosure's receipt names — its id, sequence number and {@code recordId} —
     * as "type hash" (hex): what a receipt must match in the chain.
     */
    public static String chainedEventOf(JdbcClient jdbc, JsonNode receipt, String recordId) {
        return jdbc.sql("""
                        SELECT type || ' ' || encode(hash, 'hex') FROM audit.audit_event
                        WHERE id = CAST(? AS uuid) AND sequence = ? AND details->>'recordId' = ?""")
                .params(
                        receipt.get("eventId").asString(),
                        receipt.get("sequence").asLong(),
                        recordId)
                .query(String.class)
                .single();
    }

    /** The referral's address ({@code /api/referrals/{id}}). */
    public String referral() {
        return releases.substring(0, releases.length() - "/releases".length());
    }

    /** The hub's person id of the child, as the MASH sees it on the referral. */
    public String childsPersonId(Http http) {
        var referral = http.get(referral(), token(Callers.CHILDRENS, HubScope.TRIAGE));
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(200);
        return Http.json(referral).get("subjectPersonId").asString();
    }

    /** Asks, as {@code token}'s caller, for one record for safeguarding; answers its disclosure. */
    public JsonNode released(Http http, String token, String record) {
        var response = http.send(
                "POST",
                releases,
                token,
                "application/json",
                "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + record + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("disclosures").get(0);
    }

    /**
     * Contributes, as the police, another incident about the child, recorded at {@code recordedAt};
     * answers its id.
     */
    public String policeIncidentAboutTheChild(Http http, String recordedAt) {
        return contributed(
                http,
                POLICE,
                person("P-" + UUID.randomUUID(), childsNhsNumber),
                "POLICE_INCIDENTS",
                "{\"incidentDate\": \"2026-08-01\", \"incidentType\": \"WELFARE_CHECK\"}",
                recordedAt);
    }

    /** Health contributes a health summary about the case's child; answers its id. */
    public String healthSummaryAboutTheChild(Http http, String fields, String recordedAt) {
        return contributed(
                http, HEALTH, person("H-" + UUID.randomUUID(), childsNhsNumber), "HEALTH_SUMMARY", fields, recordedAt);
    }

    /** Police refer a child and contribute a record about them, and one about another child. */
    public static ReleaseCase create(Http http, int port, JdbcClient jdbc) {
        return create(http, port, jdbc, "[]");
    }

    /**
     * As {@link #create(Http, int, JdbcClient)}, with the referral naming {@code related} (a JSON
     * array of person documents, each with its {@code relationship}) as the child's related persons.
     */
    public static ReleaseCase create(Http http, int port, JdbcClient jdbc, String related) {
        Callers.registerPartnership(jdbc);
        new DemoData("http://localhost:" + port, IdentityProviderInitializer.identityProvider()).load();
        String nhs = nhsNumber();
        String local = "CH-" + UUID.randomUUID();
        var referral = http.send(http.request("/api/referrals", token(POLICE, HubScope.CONTRIBUTE))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"subject": %s, "related": %s, "concerns": ["NEGLECT"],
                         "narrative": "Found alone at home at night.",
                         "consent": {"sought": false, "reasonNotSought": "Would increase risk"},
                         "urgency": "URGENT", "referrer": {"name": "PC Lee", "role": "Officer", "email": "lee@police.example"}}""".formatted(person(local, nhs), related)))
                .build());
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(201);
        String releases = referral.headers().firstValue("Location").orElseThrow() + "/releases";
        String policeRecord = contributed(http, POLICE, person("P-" + UUID.randomUUID(), nhs), "POLICE_INCIDENTS", """
                {"incidentDate": "2026-09-30", "incidentType": "DOMESTIC", "summary": "Neighbour called at 23:40",
                 "childPresent": true, "officerNotes": "Mother's partner known to police"}""");
        String otherChildsRecord = contributed(
                http,
                POLICE,
                person("P-" + UUID.randomUUID(), nhsNumber()).replace("Amelia", "Zoe"),
                "POLICE_INCIDENTS",
                "{\"incidentDate\": \"2026-09-01\", \"incidentType\": \"THEFT\"}");
        return new ReleaseCase(releases, policeRecord, otherChildsRecord, nhs);
    }
}
