package uk.mashhub.api.override;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.api.Callers;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class OverrideApiIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;
    private String overrides;

    OverrideApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void aReferral() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
        var aCase = ReleaseCase.create(http, port, jdbc);
        overrides = aCase.referral() + "/overrides";
        child = aCase.childsPersonId(http);
    }

    private String child;

    private String recording(String kind, Duration lasts) {
        return recording(kind, child, lasts);
    }

    private static String recording(String kind, String person, Duration lasts) {
        return """
                {"kind": "%s", "personId": "%s",
                 "justification": "Risk of significant harm; asking the parents would increase it.",
                 "gateway": "Children Act 1989 s47", "provider": "northshire-health", "categories": ["HEALTH_SUMMARY"],
                 "purpose": "EARLY_HELP", "fields": ["gpPractice"], "expiresAt": "%s"}""".formatted(kind, person, Instant.now().plus(lasts));
    }

    private static String practitioner() {
        return token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
    }

    /** A MASH practitioner records an override or break-glass as {@code recording} describes it. */
    private HttpResponse<String> recordedAsPractitioner(String recording) {
        return http.send("POST", overrides, practitioner(), "application/json", recording);
    }

    private static String guardian(String agency) {
        return token(agency, HubScope.REVIEW, HubScope.GOVERN);
    }

    private String recorded(String kind) {
        var response = recordedAsPractitioner(recording(kind, Duration.ofHours(12)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void goesToTheDataOwnersReviewQueueAndIsReviewedThere() {
        String override = recorded("BREAK_GLASS");
        String id = override.substring(override.lastIndexOf('/') + 1);

        assertThat(http.get("/api/overrides/review-queue", guardian(HEALTH)).body())
                .contains(id);
        assertThat(http.get("/api/overrides/review-queue", guardian(EDUCATION)).body())
                .doesNotContain(id);

        var reviewed = http.send(
                "POST",
                override + "/review",
                guardian(HEALTH),
                "application/json",
                "{\"outcome\": \"APPROVED\", \"note\": \"Proportionate in the emergency.\"}");
        assertThat(reviewed.statusCode()).isEqualTo(200);
        assertThat(Http.json(reviewed).get("review").asString()).isEqualTo("APPROVED");
        assertThat(http.get("/api/overrides/review-queue", guardian(HEALTH)).body())
                .doesNotContain(id);
        assertProblem(
                http.send(
                        "POST",
                        override + "/review",
                        guardian(HEALTH),
                        "application/json",
                        "{\"outcome\": \"REJECTED\", \"note\": \"Second thoughts\"}"),
                409,
                "already-reviewed");
    }

    @Test
    void isVisibleToTheRecorderAndTheDataOwnerOnly() {
        String override = recorded("OVERRIDE");

        assertThat(http.get(override, practitioner()).statusCode()).isEqualTo(200);
        assertThat(http.get(override, guardian(HEALTH)).statusCode()).isEqualTo(200);
        assertProblem(http.get(override, token(EDUCATION, HubScope.TRIAGE)), 404, "not-found");
        assertProblem(
                http.send(
                        "POST",
                        override + "/review",
                        guardian(EDUCATION),
                        "application/json",
                        "{\"outcome\": \"REJECTED\", \"note\": \"Not ours to judge\"}"),
                404,
                "not-found");
    }

    @Test
    void aBreakGlassLongerThanTheLimitIsRefused() {
        var response = recordedAsPractitioner(recording("BREAK_GLASS", Duration.ofHours(80)));

        assertThat(assertProblem(response, 400, "invalid-value").get("detail").asString())
                .contains("72 hours");
    }

    @Test
    void aBreakGlassNamingSomethingOtherThanFieldsIsRefusedAndNothingIsAudited() {
        // the field names go into the permanent audit log: a name typed there could never be removed
        long before = jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = 'BreakGlassRecorded'")
                .query(Long.class)
                .single();
        var response = recordedAsPractitioner(
                recording("BREAK_GLASS", Duration.ofHours(12)).replace("[\"gpPractice\"]", "[\"Jane Smith's GP\"]"));

        assertThat(assertProblem(response, 400, "invalid-value").get("detail").asString())
                .isEqualTo("The break-glass field names must be names such as dateOfBirth or address.postcode.")
                .doesNotContain("Jane");
        assertThat(jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = 'BreakGlassRecorded'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aGatewayTypedInsteadOfChosenFromThePartnershipsListIsRefusedAndNothingIsAudited() {
        // the cited gateway goes into the permanent audit log too: chosen from a list, never typed
        long before = jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = 'OverrideRecorded'")
                .query(Long.class)
                .single();
        var response = recordedAsPractitioner(recording("OVERRIDE", Duration.ofDays(1))
                .replace("Children Act 1989 s47", "s47 - see Jane Smith's file"));

        assertThat(assertProblem(response, 400, "invalid-value").get("detail").asString())
                .startsWith("The gateway must be one of the partnership's legal gateways: ")
                .contains("Children Act 1989 s47")
                .doesNotContain("Jane");
        assertThat(jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = 'OverrideRecorded'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void anOverrideWithoutJustificationIsRefusedNamingTheField() {
        var response = recordedAsPractitioner(recording("OVERRIDE", Duration.ofDays(1))
                .replace("Risk of significant harm; asking the parents would increase it.", ""));

        assertThat(assertProblem(response, 400, "invalid-request")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("justification");
    }

    @Test
    void recordingNeedsTheTriageScopeAndReviewingTheReviewScope() {
        String override = recorded("OVERRIDE");
        String caseSystem = token(CHILDRENS, HubScope.CONTRIBUTE, HubScope.RELEASE);

        assertProblem(
                http.send("POST", overrides, null, "application/json", recording("OVERRIDE", Duration.ofDays(1))),
                401,
                "unauthenticated");
        assertProblem(
                http.send("POST", overrides, caseSystem, "application/json", recording("OVERRIDE", Duration.ofDays(1))),
                403,
                "forbidden");
        assertProblem(http.get("/api/overrides/review-queue", practitioner()), 403, "forbidden");
        assertProblem(http.get("/api/overrides/review-queue", null), 401, "unauthenticated");
        assertProblem(
                http.send(
                        "POST",
                        override + "/review",
                        practitioner(),
                        "application/json",
                        "{\"outcome\": \"APPROVED\", \"note\": \"Self-approval\"}"),
                403,
                "forbidden");
        assertProblem(http.get(override, caseSystem), 403, "forbidden");
    }

    @Test
    void refusesAnOverrideForSomeoneTheReferralIsNotAbout() {
        assertProblem(
                recordedAsPractitioner(recording("OVERRIDE", UUID.randomUUID().toString(), Duration.ofDays(1))),
                400,
                "invalid-value");
    }

    @Test
    void refusesAnOverrideOverTheDataOfAnAgencyThatIsNotAPartner() {
        var response = recordedAsPractitioner(
                recording("OVERRIDE", Duration.ofDays(1)).replace("northshire-health", "westshire-health"));

        assertProblem(response, 422, "unknown-agency");
        assertThat(Http.json(response).get("detail").asString())
                .isEqualTo("The provider westshire-health is not a partner agency of the hub.");
        assertThat(jdbc.sql("SELECT count(*) FROM consent.override WHERE provider = 'westshire-health'")
                        .query(Long.class)
                        .single())
                .as("nothing recorded")
                .isZero();
    }

    @Test
    void refusesAnOverrideForAReferralThatDoesNotExist() {
        assertProblem(
                http.send(
                        "POST",
                        "/api/referrals/" + UUID.randomUUID() + "/overrides",
                        practitioner(),
                        "application/json",
                        recording("OVERRIDE", Duration.ofDays(1))),
                404,
                "not-found");
    }
}
