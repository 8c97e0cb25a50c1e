package uk.mashhub.api.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.HOUSING;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class AgreementApiIntegrationTests {

    static final String DOCUMENT = """
            {
              "title": "Northshire Safeguarding Children Partnership ISA",
              "parties": ["northshire-police", "northshire-childrens-services", "northshire-health", "northshire-education"],
              "validFrom": "2026-01-01", "validUntil": "2030-12-31", "reviewDate": "2027-12-01",
              "purposes": [{
                "code": "SAFEGUARDING_CHILDREN",
                "lawfulBasis": "ART_6_1_E_PUBLIC_TASK",
                "specialCategoryCondition": "ART_9_2_G_SAFEGUARDING_SCH1_PARA_18",
                "gateways": ["Children Act 1989 s47", "Children Act 2004 s11"],
                "consentMode": "NOT_REQUIRED",
                "overrideAllowed": false,
                "flows": [{
                  "provider": {"agency": "northshire-police"},
                  "recipient": {"type": "CHILDRENS_SOCIAL_CARE"},
                  "category": "POLICE_INCIDENTS",
                  "permittedFields": ["incidentDate", "incidentType", "summary"],
                  "specialCategoryAllowed": true,
                  "retentionDays": 365
                }]
              }]
            }""";

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;

    AgreementApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void partnership() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
    }

    private static String governance(String agency) {
        return token(agency, HubScope.GOVERN);
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return http.send("POST", path, token, "application/json", body);
    }

    /** Drafts the document as children's services and answers the version's path. */
    private String drafted() {
        var response = post("/api/agreements", governance(CHILDRENS), DOCUMENT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> sign(String version, String agency) {
        return post(version + "/signatures", governance(agency), """
                {"signatoryName": "Officer of %s", "signatoryRole": "Director"}""".formatted(agency));
    }

    @Test
    void draftsSignsAndActivatesAnAgreementOverHttp() {
        String version = drafted();
        for (String party : List.of(POLICE, CHILDRENS, HEALTH, EDUCATION)) {
            assertThat(sign(version, party).statusCode()).isEqualTo(201);
        }

        var activated = post(version + "/activation", governance(HEALTH), "");

        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        JsonNode body = Http.json(activated);
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("awaitingSignature").size()).isZero();
        assertThat(body.get("signatures").size()).isEqualTo(4);
        assertThat(body.at("/purposes/0/flows/0/provider/agency").asString()).isEqualTo(POLICE);
        JsonNode read = Http.json(http.get(version, token(POLICE, HubScope.TRIAGE)));
        assertThat(read.get("termsDigest").asString())
                .isEqualTo(body.get("termsDigest").asString());
    }

    @Test
    void listsOnlyTheAgreementsTheCallersAgencyIsPartyTo() {
        String version = drafted();
        String id = version.split("/")[3];

        assertThat(http.get("/api/agreements", governance(POLICE)).body()).contains(id);
        assertThat(http.get("/api/agreements", governance(HOUSING)).body()).doesNotContain(id);
    }

    @Test
    void anotherAgencysAgreementIsNotFound() {
        String version = drafted();

        assertProblem(http.get(version, governance(HOUSING)), 404, "not-found");
        assertProblem(http.get(version.replaceAll("/versions/1$", ""), governance(HOUSING)), 404, "not-found");
        assertProblem(sign(version, HOUSING), 404, "not-found");
    }

    @Test
    void anAgencySignsOnlyForItself() {
        String version = drafted();

        var response = post(version + "/signatures", governance(POLICE), """
                {"signatoryName": "A. Officer", "signatoryRole": "Chief Constable", "agency": "northshire-health"}""");

        assertProblem(response, 403, "signing-for-another-agency");
    }

    @Test
    void signingTwiceIsAConflict() {
        String version = drafted();
        sign(version, POLICE);

        assertProblem(sign(version, POLICE), 409, "already-signed");
    }

    @Test
    void activatingBeforeEveryPartyHasSignedIsAConflict() {
        String version = drafted();
        sign(version, POLICE);

        assertThat(assertProblem(post(version + "/activation", governance(POLICE), ""), 409, "signatures-missing")
                        .get("detail")
                        .asString())
                .contains("3 of 4");
    }

    @Test
    void suspendingADraftIsAConflict() {
        assertProblem(
                post(drafted() + "/suspension", governance(POLICE), "{\"reason\": \"concern\"}"),
                409,
                "agreement-state-conflict");
    }

    @Test
    void namesEveryInvalidFieldOfADocument() {
        String broken = DOCUMENT.replace("\"title\": \"Northshire Safeguarding Children Partnership ISA\",", "")
                .replace(
                        "\"northshire-police\", \"northshire-childrens-services\"",
                        "\"Northshire Police\", \"northshire-childrens-services\"")
                .replace("\"retentionDays\": 365", "\"retentionDays\": 0");

        var response = post("/api/agreements", governance(CHILDRENS), broken);

        List<String> fields = new ArrayList<>();
        assertProblem(response, 400, "invalid-request")
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("title", "parties[0]", "purposes[0].flows[0].retentionDays");
    }

    @Test
    void namesAFieldWhoseValueIsNotOneOfTheAcceptedOnes() {
        var response =
                post("/api/agreements", governance(CHILDRENS), DOCUMENT.replace("\"NOT_REQUIRED\"", "\"MAYBE\""));

        assertThat(assertProblem(response, 400, "malformed-body")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("purposes[0].consentMode");
        assertThat(response.body()).doesNotContain("MAYBE");
    }

    @Test
    void reportsARuleAcrossFieldsInOneSentence() {
        var response =
                post("/api/agreements", governance(CHILDRENS), DOCUMENT.replace("\"2030-12-31\"", "\"2025-12-31\""));

        assertThat(assertProblem(response, 400, "invalid-value").get("detail").asString())
                .contains("start before it ends");
    }

    @Test
    void anUnknownPartyIsRefused() {
        var response = post(
                "/api/agreements",
                governance(CHILDRENS),
                DOCUMENT.replace("\"northshire-education\"]", "\"northshire-fire\"]"));

        assertProblem(response, 422, "unknown-agency");
    }

    @Test
    void needsATokenForEveryAgreementEndpoint() {
        String version = drafted();
        for (var call : List.of(
                http.get("/api/agreements", null),
                http.get(version, null),
                post("/api/agreements", null, DOCUMENT),
                post(version + "/signatures", null, "{}"),
                post(version + "/activation", null, ""),
                http.send("PUT", version, null, "application/json", DOCUMENT))) {
            assertProblem(call, 401, "unauthenticated");
        }
    }

    @Test
    void writingNeedsTheGovernScopeAndReadingAnyScopeButContributing() {
        String version = drafted();
        String practitioner = token(POLICE, HubScope.TRIAGE, HubScope.RELEASE);
        String contributor = token(POLICE, HubScope.CONTRIBUTE);
        String caseSystem = token(POLICE, HubScope.CONTRIBUTE, HubScope.RELEASE);

        assertProblem(post("/api/agreements", practitioner, DOCUMENT), 403, "forbidden");
        assertProblem(post(version + "/signatures", practitioner, "{}"), 403, "forbidden");
        assertProblem(post(version + "/activation", practitioner, ""), 403, "forbidden");
        assertProblem(http.send("PUT", version, practitioner, "application/json", DOCUMENT), 403, "forbidden");
        assertProblem(http.get(version, contributor), 403, "forbidden");
        assertThat(http.get(version, practitioner).statusCode()).isEqualTo(200);
        assertThat(http.get(version, caseSystem).statusCode()).isEqualTo(200);
        assertProblem(post(version + "/signatures", caseSystem, "{}"), 403, "forbidden");
    }

    @Test
    void amendingMakesVersionTwoAndKeepsVersionOneReadable() {
        String version = drafted();
        for (String party : List.of(POLICE, CHILDRENS, HEALTH, EDUCATION)) {
            sign(version, party);
        }
        post(version + "/activation", governance(CHILDRENS), "");
        String agreement = version.replaceAll("/versions/1$", "");

        var amended = post(agreement + "/versions", governance(EDUCATION), "");

        assertThat(amended.statusCode()).isEqualTo(201);
        assertThat(amended.headers().firstValue("Location")).hasValue(agreement + "/versions/2");
        JsonNode versions = Http.json(http.get(agreement, governance(POLICE)));
        assertThat(versions.at("/versions/0/status").asString()).isEqualTo("ACTIVE");
        assertThat(versions.at("/versions/1/status").asString()).isEqualTo("DRAFT");
    }
}
