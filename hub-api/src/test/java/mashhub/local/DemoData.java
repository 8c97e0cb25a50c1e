package mashhub.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.LocalIdentityProvider;
import mashhub.testsupport.identity.Tokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.HubScope;

/**
 * Loads the demo partnership through the hub's own API, as information governance officers would:
 * registers the four Northshire agencies, then drafts, signs (each party for itself) and activates
 * the worked-example agreement of docs/agreements.md. Loading twice changes nothing.
 */
public final class DemoData {

    static final String AGREEMENT = "demo/northshire-safeguarding-agreement.json";

    private static final Map<String, String> SIGNATORIES = Map.of(
            DemoPartnership.POLICE, "Chief Constable Alys Morgan",
            DemoPartnership.CHILDRENS_SOCIAL_CARE, "Director of Children's Services Ben Okafor",
            DemoPartnership.HEALTH, "Caldicott Guardian Gwen Guardian",
            DemoPartnership.EDUCATION, "Director of Education Sam Patel");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String hub;
    private final LocalIdentityProvider idp;

    public DemoData(String hub, LocalIdentityProvider idp) {
        this.hub = hub;
        this.idp = idp;
    }

    /** Loads what is missing; answers the agreement version's path. */
    public String load() {
        for (var agency : DemoPartnership.AGENCIES) {
            var response =
                    send("POST", "/api/agencies", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), """
                    {"id": "%s", "name": "%s", "type": "%s"}""".formatted(
                                    agency.id(), agency.name(), agency.type()));
            expect(response, 201, 409);
        }
        String document = example();
        String title = JSON.readTree(document).get("title").asString();
        String version = existingAgreement(title);
        if (version == null) {
            var drafted = send("POST", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), document);
            expect(drafted, 201);
            version = drafted.headers().firstValue("Location").orElseThrow();
        }
        // sign what is not signed yet and activate: a load interrupted half-way is finished, not repeated
        var current = JSON.readTree(send("GET", version, governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), null)
                .body());
        for (var awaiting : current.get("awaitingSignature")) {
            String party = awaiting.asString();
            expect(
                    send("POST", version + "/signatures", governance(party), """
                    {"signatoryName": "%s", "signatoryRole": "Signs for %s"}""".formatted(
                                    SIGNATORIES.get(party), party)),
                    201);
        }
        if (current.get("status").asString().equals("DRAFT")) {
            expect(send("POST", version + "/activation", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), ""), 200);
        }
        return version;
    }

    /**
     * A morning's caseload for the web pages, loaded once (a second load finds its first referral
     * already there and stops): three referrals from three agencies, records about the first child
     * from police, health and school (enough for the cross-agency flag), a possible match to review,
     * records released to children's services, and a break-glass waiting for health's Caldicott
     * Guardian.
     */
    public void loadCaseload() {
        String amelia = """
                {"localId": "%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                 "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "9434765919"}""";
        var first = referral(DemoPartnership.POLICE, "demo-referral-1", """
                {"subject": %s,
                 "related": [{"localId": "NP-PER-2201", "givenName": "Kerry", "familyName": "Hart",
                              "dateOfBirth": "1990-02-11", "sex": "FEMALE", "postcode": "NS1 4AB", "relationship": "mother"}],
                 "concerns": ["DOMESTIC_ABUSE", "NEGLECT"],
                 "narrative": "Officers attended a domestic incident at 23:40. Amelia (10) was awake and alone in the front room; mother's partner had left before police arrived. Third call-out to the address this year.",
                 "consent": {"sought": false, "reasonNotSought": "Seeking consent could increase the risk to the child"},
                 "urgency": "URGENT", "referrer": {"name": "PC Sam Lee", "role": "Response officer", "phone": "01632 960123"}}""".formatted(amelia.formatted("NP-PER-1001")));
        if (first.headers().firstValue("Idempotent-Replayed").isPresent()) {
            return;
        }
        expect(first, 201);
        String referralPath = first.headers().firstValue("Location").orElseThrow();
        expect(referral(DemoPartnership.EDUCATION, "demo-referral-2", """
                {"subject": {"localId": "UPN-A1234567", "givenName": "Leo", "familyName": "Carter", "dateOfBirth": "2013-11-30",
                             "sex": "MALE", "postcode": "NS3 2CD"},
                 "concerns": ["SCHOOL_ATTENDANCE", "NEGLECT"],
                 "narrative": "Attendance 71% this term; often arrives hungry and in the same clothes.",
                 "consent": {"sought": true, "answer": "GIVEN"},
                 "urgency": "ROUTINE", "referrer": {"name": "Dee Lead", "role": "Designated safeguarding lead", "email": "dsl@school.example"}}"""), 201);
        expect(referral(DemoPartnership.HEALTH, "demo-referral-3", """
                {"subject": {"localId": "NHS-LOCAL-77", "givenName": "Mia", "familyName": "Okoro", "dateOfBirth": "2010-08-15",
                             "sex": "FEMALE", "postcode": "NS2 9EF", "nhsNumber": "9434765870"},
                 "concerns": ["SELF_HARM", "CHILD_MENTAL_HEALTH"],
                 "narrative": "Seen in the emergency department after self-harm; says she does not feel safe going home.",
                 "consent": {"sought": true, "answer": "REFUSED"},
                 "urgency": "IMMEDIATE_RISK", "referrer": {"name": "Dr Priya Shah", "role": "Paediatric registrar"}}"""), 201);

        record(DemoPartnership.POLICE, amelia.formatted("NP-PER-1001"), "POLICE_INCIDENTS", """
                {"incidentDate": "2026-11-20", "incidentType": "DOMESTIC", "summary": "Verbal argument, neighbour called 999",
                 "offenceCategory": "None recorded", "childPresent": true, "officerNotes": "Partner known to police"}""", "[]");
        record(DemoPartnership.HEALTH, amelia.formatted("GP-55812"), "HEALTH_SUMMARY", """
                {"registeredGpPractice": "Northshire Road Surgery", "immunisationsUpToDate": false, "missedAppointments": 3,
                 "safeguardingConcerns": "Missed dental and asthma reviews", "diagnoses": "Asthma"}""", "[\"diagnoses\"]");
        record(DemoPartnership.EDUCATION, amelia.formatted("UPN-H7654321"), "EDUCATION_ATTENDANCE", """
                {"school": "Northshire Primary", "attendancePercent": 82, "unauthorisedAbsences": 9, "term": "Autumn 2026"}""", "[]");
        // the same girl reported by school and GP, her name spelt differently and no NHS number: a possible match
        String jasmine = """
                {"localId": "%s", "givenName": "%s", "familyName": "Whitfield", "dateOfBirth": "2015-07-19", "postcode": "NS2 7QT"}""";
        record(
                DemoPartnership.EDUCATION,
                jasmine.formatted("UPN-J1112223", "Jasmine"),
                "EDUCATION_ATTENDANCE",
                """
                {"school": "Northshire Primary", "attendancePercent": 71, "term": "Autumn 2026"}""",
                "[]");
        record(DemoPartnership.HEALTH, jasmine.formatted("GP-55990", "Jasmin"), "HEALTH_SUMMARY", """
                {"registeredGpPractice": "Northshire Road Surgery", "missedAppointments": 2}""", "[]");

        String triage = token(DemoPartnership.CHILDRENS_SOCIAL_CARE, HubScope.TRIAGE, HubScope.RELEASE);
        expect(send("POST", referralPath + "/rating", triage, """
                {"rag": "RED", "rationale": "Third domestic incident this year with the child present; decide today."}"""), 200);
        expect(send("POST", referralPath + "/gathering", triage, ""), 200);
        expect(send("POST", referralPath + "/releases", triage, """
                {"purpose": "SAFEGUARDING_CHILDREN", "categories": ["POLICE_INCIDENTS", "HEALTH_SUMMARY", "EDUCATION_ATTENDANCE"]}"""), 200);
        String person = JSON.readTree(send("GET", referralPath, triage, null).body())
                .get("subjectPersonId")
                .asString();
        expect(
                send("POST", referralPath + "/overrides", triage, """
                    {"kind": "BREAK_GLASS", "personId": "%s", "provider": "%s", "categories": ["HEALTH_SUMMARY"],
                     "fields": ["safeguardingConcerns", "diagnoses"], "gateway": "Children Act 1989 s47",
                     "justification": "Child may need medical attention tonight; GP surgery closed.",
                     "expiresAt": "%s"}""".formatted(
                        person, DemoPartnership.HEALTH, java.time.Instant.now().plus(java.time.Duration.ofHours(24)))),
                201);
    }

    private HttpResponse<String> referral(String agency, String key, String body) {
        var request = HttpRequest.newBuilder(URI.create(hub + "/api/referrals"))
                .header("Authorization", "Bearer " + token(agency, HubScope.CONTRIBUTE))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    private void record(String agency, String subject, String category, String fields, String special) {
        expect(
                send("POST", "/api/records", token(agency, HubScope.CONTRIBUTE), """
                {"subject": %s, "category": "%s", "fields": %s, "specialCategoryFields": %s,
                 "sourceReference": "DEMO-%s", "recordedAt": "2026-11-20T09:00:00Z"}""".formatted(
                                subject, category, fields, special, category)),
                201);
    }

    private String token(String agency, HubScope... scopes) {
        return Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), agency, scopes)
                        .subject("demo-loader")
                        .build());
    }

    private @Nullable String existingAgreement(String title) {
        var list = send("GET", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), null);
        expect(list, 200);
        for (var agreement : JSON.readTree(list.body()).get("agreements")) {
            if (agreement.get("title").asString().equals(title)) {
                return "/api/agreements/" + agreement.get("agreementId").asString() + "/versions/"
                        + agreement.get("version").asInt();
            }
        }
        return null;
    }

    private String governance(String agency) {
        return Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), agency, HubScope.GOVERN)
                        .subject("demo-loader")
                        .build());
    }

    private static String example() {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(AGREEMENT)) {
            if (in == null) {
                throw new IllegalStateException(AGREEMENT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, @Nullable String body) {
        var request = HttpRequest.newBuilder(URI.create(hub + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException("demo data: " + response.request().method() + " "
                + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
}
