package uk.mashhub.api.person;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.audit.Pseudonyms;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class PersonMatchApiIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private Http http;

    PersonMatchApiIntegrationTests(@Autowired JdbcClient jdbc, @Autowired Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    @BeforeEach
    void partnership() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
    }

    /** Two agencies report the same child, the second with a misspelt given name: a possible match, not a link. */
    private String possibleMatch() {
        String family = "Zed" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "q");
        String school = """
                {"subject": {"localId": "%s", "givenName": "Jasmine", "familyName": "%s", "dateOfBirth": "2015-07-19", "postcode": "NS2 7QT"},
                 "category": "EDUCATION_ATTENDANCE", "fields": {"attendancePercent": 71},
                 "sourceReference": "SCH-1", "recordedAt": "2026-03-01T09:00:00Z"}""".formatted("UPN-" + UUID.randomUUID(), family);
        String health = school.replace("Jasmine", "Jasmin")
                .replace("UPN-", "NHS-LOCAL-")
                .replace("EDUCATION_ATTENDANCE", "HEALTH_SUMMARY")
                .replace("\"attendancePercent\": 71", "\"gpPractice\": \"Northshire Road Surgery\"");
        assertThat(http.send("POST", "/api/records", token(EDUCATION, HubScope.CONTRIBUTE), "application/json", school)
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.send("POST", "/api/records", token(HEALTH, HubScope.CONTRIBUTE), "application/json", health)
                        .statusCode())
                .isEqualTo(201);
        JsonNode queue = Http.json(http.get("/api/person-matches", practitioner()));
        for (JsonNode match : queue.get("matches")) {
            if (match.at("/reported/familyName").asString().equals(family)) {
                return match.get("id").asString();
            }
        }
        throw new AssertionError("no possible match queued for " + family);
    }

    private static String practitioner() {
        return token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
    }

    @Test
    void aPractitionerConfirmsAPossibleMatchAndCanUndoTheLink() {
        String match = possibleMatch();

        JsonNode linked = Http.json(
                http.send("POST", "/api/person-matches/" + match + "/confirmation", practitioner(), null, ""));
        assertThat(linked.get("link").asString()).isEqualTo("CONFIRMED_BY_PRACTITIONER");
        assertProblem(
                http.send("POST", "/api/person-matches/" + match + "/confirmation", practitioner(), null, ""),
                409,
                "match-review-decided");

        JsonNode unlinked = Http.json(http.send(
                "POST",
                "/api/person-identities/" + linked.get("identityId").asString() + "/unlink",
                practitioner(),
                null,
                ""));
        assertThat(unlinked.get("personId").asString())
                .isNotEqualTo(linked.get("personId").asString());
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_event WHERE type = 'PersonUnlinked' AND details->>'identityId' = ?")
                        .param(pseudonyms.of(linked.get("identityId").asString()))
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aPractitionerRejectsAPossibleMatchAndTheDecisionIsAudited() {
        String match = possibleMatch();
        String identity = jdbc.sql("SELECT identity_id::text FROM ingest.match_review WHERE id = CAST(? AS uuid)")
                .param(match)
                .query(String.class)
                .single();

        assertThat(http.send("POST", "/api/person-matches/" + match + "/rejection", practitioner(), null, "")
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.get("/api/person-matches", practitioner()).body()).doesNotContain(match);
        String details = jdbc.sql(
                        "SELECT details::text FROM audit.audit_event WHERE type = 'PersonMatchRejected' AND details->>'reviewId' = ?")
                .param(match)
                .query(String.class)
                .single();
        assertThat(details)
                .contains("\"identityId\":\"" + pseudonyms.of(identity) + "\"", "\"candidatePersonId\":\"psn:")
                .doesNotContain(identity);
    }

    @Test
    void matchingWorkIsForTheMashOnly() {
        assertProblem(http.get("/api/person-matches", null), 401, "unauthenticated");
        assertProblem(
                http.get("/api/person-matches", token(EDUCATION, HubScope.CONTRIBUTE, HubScope.RELEASE)),
                403,
                "forbidden");
        assertProblem(
                http.send(
                        "POST",
                        "/api/person-matches/" + UUID.randomUUID() + "/confirmation",
                        token(EDUCATION, HubScope.CONTRIBUTE),
                        null,
                        ""),
                403,
                "forbidden");
        assertProblem(
                http.send(
                        "POST",
                        "/api/person-identities/" + UUID.randomUUID() + "/unlink",
                        token(HEALTH, HubScope.GOVERN),
                        null,
                        ""),
                403,
                "forbidden");
        assertProblem(
                http.send(
                        "POST", "/api/person-matches/" + UUID.randomUUID() + "/confirmation", practitioner(), null, ""),
                404,
                "not-found");
    }
}
