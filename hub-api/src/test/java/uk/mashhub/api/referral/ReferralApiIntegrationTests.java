package uk.mashhub.api.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.EDUCATION;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.POLICE;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import uk.mashhub.api.Callers;
import uk.mashhub.ingest.person.NhsNumber;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.IdempotencyKeys;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class ReferralApiIntegrationTests {

    static String referral(String localId) {
        return """
                {"subject": {"localId": "%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                             "sex": "FEMALE", "postcode": "NS1 4AB"},
                 "related": [{"localId": "%s-mum", "givenName": "Rachel", "familyName": "Hart", "dateOfBirth": "1988-01-09",
                              "relationship": "mother"}],
                 "concerns": ["NEGLECT", "SCHOOL_ATTENDANCE"],
                 "narrative": "Attendance has fallen to 61 per cent and Amelia arrives hungry.",
                 "consent": {"sought": true, "answer": "GIVEN"},
                 "urgency": "URGENT",
                 "referrer": {"name": "D. Lead", "role": "Designated Safeguarding Lead", "email": "dsl@school.example"}}""".formatted(localId, localId);
    }

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final IdempotencyKeys keys;
    private final PlatformTransactionManager transactions;
    private Http http;

    ReferralApiIntegrationTests(
            @Autowired JdbcClient jdbc,
            @Autowired IdempotencyKeys keys,
            @Autowired PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.transactions = transactions;
    }

    @BeforeEach
    void partnership() {
        http = new Http(port);
        Callers.registerPartnership(jdbc);
    }

    private static String school() {
        return token(EDUCATION, HubScope.CONTRIBUTE, HubScope.RELEASE);
    }

    private static String mash() {
        return token(POLICE, HubScope.TRIAGE, HubScope.RELEASE);
    }

    private HttpResponse<String> post(String key, String token, String body) {
        return post(key, token, body, Duration.ofSeconds(60));
    }

    private HttpResponse<String> post(String key, String token, String body, Duration timeout) {
        var request = http.request("/api/referrals", token)
                .header("Content-Type", "application/json")
                .timeout(timeout);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String posted() {
        var response = post(UUID.randomUUID().toString(), school(), referral("pupil-" + UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void createsAReferralWithALocation() {
        var response = post(UUID.randomUUID().toString(), school(), referral("pupil-" + UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Http.json(response);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/referrals/" + body.get("id").asString());
        assertThat(body.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(body.get("deadline").asString()).isNotBlank();
    }

    @Test
    void refusesASubmissionWithoutAnIdempotencyKey() {
        var response = post(null, school(), referral("pupil-x"));

        assertThat(assertProblem(response, 400, "invalid-request")
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("Idempotency-Key");
    }

    @Test
    void theSameKeyAndTheSameBodyReplayTheOriginalResponse() {
        String key = UUID.randomUUID().toString();
        String body = referral("pupil-" + UUID.randomUUID());
        var first = post(key, school(), body);
        var second = post(key, school(), body.replace("\n", " "));

        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.referral WHERE id = ?::uuid")
                        .param(Http.json(first).get("id").asString())
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        post(key, school(), referral("pupil-" + UUID.randomUUID()));

        assertProblem(post(key, school(), referral("pupil-" + UUID.randomUUID())), 422, "idempotency-key-reused");
    }

    @Test
    void aClaimAnEarlierVersionCommittedUnfinishedMomentsAgoIsAConflict() {
        String key = UUID.randomUUID().toString();
        jdbc.sql(
                        "INSERT INTO ingest.idempotency_key (agency_id, key, request_hash, state, created_at) VALUES (?, ?, ?, 'IN_PROGRESS', now())")
                .params(EDUCATION, key, "0".repeat(64))
                .update();
        // an earlier version of the hub committed its claim before the work and stopped a moment ago; the same
        // request again (a claim held open by a request in flight: the next test):
        jdbc.sql("UPDATE ingest.idempotency_key SET request_hash = ? WHERE agency_id = ? AND key = ?")
                .params(hashOf(referral("pupil-held")), EDUCATION, key)
                .update();

        assertProblem(post(key, school(), referral("pupil-held")), 409, "idempotency-key-in-progress");
    }

    @Test
    void simultaneousDuplicatesCreateOneReferral() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = referral("pupil-" + UUID.randomUUID());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post(key, school(), body)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var call : calls) {
            statuses.add(call.get().statusCode());
        }

        assertThat(statuses).allMatch(status -> status == 201 || status == 409).contains(201);
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.idempotency_key WHERE key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("SELECT count(DISTINCT response_location) FROM ingest.idempotency_key WHERE key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void theSameKeyWhileTheFirstRequestHoldsItsClaimIsAConflictAtOnceAndFreeAfterItRollsBack() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = referral("pupil-" + UUID.randomUUID());
        var claimed = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        // a first request in flight: the hub's own claim, in a transaction on a connection of its own, held open
        var first =
                CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    assertThat(keys.claim(new AgencyId(EDUCATION), key, hashOf(body)))
                            .isNull();
                    claimed.countDown();
                    try {
                        finish.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status.setRollbackOnly();
                }));
        try {
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

            // a claim that waited for the lock, or no lock at all (the insert waits on the uncommitted claim),
            // would not answer before the first finishes: the client gives up and the test fails
            assertProblem(post(key, school(), body, Duration.ofSeconds(10)), 409, "idempotency-key-in-progress");
        } finally {
            finish.countDown();
            first.get(30, TimeUnit.SECONDS);
        }

        var retried = post(key, school(), body);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aSubmissionRefusedAfterItsKeyIsClaimedReleasesTheKey() {
        String key = UUID.randomUUID().toString();
        String localId = "pupil-" + UUID.randomUUID();
        String corrected = referral(localId);
        // two persons under one local id: refused as the submission is made, inside the transaction that has
        // already claimed the key (ReferralSubmissions.submit), not by validation before it
        String twice = corrected.replace("\"" + localId + "-mum\"", "\"" + localId + "\"");

        assertProblem(post(key, school(), twice), 400, "invalid-value");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.idempotency_key WHERE key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .as("the claim rolled back with the refused work")
                .isZero();

        // a claim kept after the failure would answer this 422 (another request under the key)
        var retried = post(key, school(), corrected);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.referral WHERE id = ?::uuid")
                        .param(Http.json(retried).get("id").asString())
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aSubmissionRefusedByValidationClaimsNothing() {
        String key = UUID.randomUUID().toString();
        String impossible = referral("pupil-" + UUID.randomUUID()).replace("2016-05-04", "2099-05-04");

        assertProblem(post(key, school(), impossible), 400, "invalid-request");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.idempotency_key WHERE key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsBadInputNamingEachField() {
        String bad = referral("pupil-1").replace("\"NEGLECT\"", "\"BAD_VIBES\"");
        JsonNode unknownConcern = assertProblem(
                        post(UUID.randomUUID().toString(), school(), bad), 400, "malformed-body")
                .at("/errors/0");
        assertThat(unknownConcern.get("field").asString()).startsWith("concerns");
        assertThat(unknownConcern.get("message").asString())
                .as("the vocabulary, so the agency's integrator need not look it up")
                .isEqualTo("is not one of the accepted values: "
                        + java.util.Arrays.stream(ConcernCategory.values())
                                .map(Enum::name)
                                .collect(java.util.stream.Collectors.joining(", ")))
                .contains("NEGLECT", "SCHOOL_ATTENDANCE")
                .doesNotContain("BAD_VIBES");

        // a wrong NHS number is named by its path, every one of them in one answer
        String malformedNhs = referral("pupil-2")
                .replace("\"sex\": \"FEMALE\",", "\"sex\": \"FEMALE\", \"nhsNumber\": \"943 476 5910\",")
                .replace(
                        "\"relationship\": \"mother\"",
                        "\"relationship\": \"mother\", \"nhsNumber\": \"9434765911\", \"postcode\": \"ZZZZZZ\"")
                .replace("\"1988-01-09\"", "\"1899-12-31\"")
                .replace(
                        "\"familyName\": \"Hart\", \"dateOfBirth\": \"2016",
                        "\"familyName\": \"\u3000\", \"dateOfBirth\": \"2016");
        List<String> wrong = new ArrayList<>();
        assertProblem(post(UUID.randomUUID().toString(), school(), malformedNhs), 400, "invalid-request")
                .get("errors")
                .forEach(e -> wrong.add(
                        e.get("field").asString() + " " + e.get("message").asString()));
        assertThat(wrong)
                .containsExactlyInAnyOrder(
                        "subject.nhsNumber " + NhsNumber.RULE,
                        "related[0].nhsNumber " + NhsNumber.RULE,
                        "related[0].postcode must be a UK postcode such as NS1 4AB",
                        "related[0].dateOfBirth must be on or after 1900-01-01",
                        "subject.familyName must not be blank");

        String missing = "{\"subject\": {\"localId\": \"x\"}, \"concerns\": [], \"narrative\": \"\"}";
        List<String> fields = new ArrayList<>();
        assertProblem(post(UUID.randomUUID().toString(), school(), missing), 400, "invalid-request")
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields)
                .contains(
                        "subject.familyName",
                        "subject.dateOfBirth",
                        "concerns",
                        "narrative",
                        "consent",
                        "urgency",
                        "referrer");
    }

    @Test
    void listsEveryBrokenConsentRuleByItsFieldWithTheBodysOtherErrors() {
        String noReason = referral("x")
                .replace("\"sought\": true, \"answer\": \"GIVEN\"", "\"sought\": false, \"answer\": \"GIVEN\"")
                .replace("Attendance has fallen to 61 per cent and Amelia arrives hungry.", "   ");
        List<String> wrong = new ArrayList<>();
        assertProblem(post(UUID.randomUUID().toString(), school(), noReason), 400, "invalid-request")
                .get("errors")
                .forEach(e -> wrong.add(
                        e.get("field").asString() + " " + e.get("message").asString()));
        assertThat(wrong)
                .containsExactlyInAnyOrder(
                        "consent.answer must be left out when consent was not sought",
                        "consent.reasonNotSought is needed when consent was not sought",
                        "narrative must not be blank");

        String unanswered = referral("x").replace("\"answer\": \"GIVEN\"", "\"answer\": null");
        assertThat(assertProblem(post(UUID.randomUUID().toString(), school(), unanswered), 400, "invalid-request")
                        .get("errors"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("field").asString() + " "
                                + e.get("message").asString())
                        .isEqualTo("consent.answer is needed when consent was sought: GIVEN or REFUSED"));

        String notSoughtWithReason = referral("x")
                .replace(
                        "\"sought\": true, \"answer\": \"GIVEN\"",
                        "\"sought\": false, \"reasonNotSought\": \"Asking would alert the adult who harms her\"");
        assertThat(post(UUID.randomUUID().toString(), school(), notSoughtWithReason)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void refusesTwoPersonsUnderOneLocalIdAndWritesNothing() {
        String localId = "pupil-" + UUID.randomUUID();
        String twice = referral(localId).replace("\"" + localId + "-mum\"", "\"" + localId + "\"");

        assertThat(assertProblem(post(UUID.randomUUID().toString(), school(), twice), 400, "invalid-value")
                        .get("detail")
                        .asString())
                .isEqualTo("The local id of related person 1 is already used for another person in this referral;"
                        + " each person needs their own.");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.person_identity WHERE local_id = ?")
                        .param(localId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anAgencyThatIsNotAPartnerCannotPost() {
        assertProblem(
                post(UUID.randomUUID().toString(), token("northshire-fire", HubScope.CONTRIBUTE), referral("x")),
                403,
                "agency-not-a-partner");
    }

    @Test
    void theMashWorksAReferralThroughItsLife() {
        String referral = posted();

        var rated = http.send(
                "POST",
                referral + "/rating",
                mash(),
                "application/json",
                "{\"rag\": \"RED\", \"rationale\": \"Disclosure of injury.\"}");
        assertThat(Http.json(rated).get("rag").asString()).isEqualTo("RED");
        assertThat(http.send("POST", referral + "/gathering", mash(), null, "").statusCode())
                .isEqualTo(200);
        assertThat(http.send(
                                "POST",
                                referral + "/decision",
                                mash(),
                                "application/json",
                                "{\"outcome\": \"STATUTORY_ASSESSMENT\", \"rationale\": \"s47 threshold met.\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.json(http.send("POST", referral + "/closure", mash(), null, ""))
                        .get("status")
                        .asString())
                .isEqualTo("CLOSED");
        assertThat(Http.json(http.get(referral + "/timeline", school()))
                        .get("timeline")
                        .size())
                .isEqualTo(5);
        assertProblem(http.send("POST", referral + "/gathering", mash(), null, ""), 409, "referral-state-conflict");
    }

    @Test
    void theReferrerSeesTheRatingAndOutcomeButNotTheMashsReasonsWhichMayCitePartners() {
        String referral = posted();
        http.send(
                "POST",
                referral + "/rating",
                mash(),
                "application/json",
                "{\"rag\": \"RED\", \"rationale\": \"Police hold three domestic incidents.\"}");
        http.send("POST", referral + "/gathering", mash(), null, "");
        http.send(
                "POST",
                referral + "/decision",
                mash(),
                "application/json",
                "{\"outcome\": \"STATUTORY_ASSESSMENT\", \"rationale\": \"Health reports a fracture.\"}");

        JsonNode asTheMashSeesIt = Http.json(http.get(referral, mash()));
        assertThat(asTheMashSeesIt.get("ragRationale").asString()).isEqualTo("Police hold three domestic incidents.");
        assertThat(asTheMashSeesIt.get("decisionRationale").asString()).isEqualTo("Health reports a fracture.");
        assertThat(http.get(referral + "/timeline", mash()).body()).contains("Police hold", "Health reports");

        var asTheSchoolSeesIt = http.get(referral, school());
        assertThat(Http.json(asTheSchoolSeesIt).get("rag").asString()).isEqualTo("RED");
        assertThat(Http.json(asTheSchoolSeesIt).get("outcome").asString()).isEqualTo("STATUTORY_ASSESSMENT");
        var schoolsTimeline = http.get(referral + "/timeline", school());
        assertThat(Http.json(schoolsTimeline).get("timeline").size()).isEqualTo(4);
        for (var seen : List.of(asTheSchoolSeesIt, schoolsTimeline)) {
            assertThat(seen.body()).doesNotContain("Police hold", "Health reports");
        }
    }

    @Test
    void aRatingWithoutRationaleIsRefused() {
        assertProblem(
                http.send(
                        "POST",
                        posted() + "/rating",
                        mash(),
                        "application/json",
                        "{\"rag\": \"RED\", \"rationale\": \"\"}"),
                400,
                "invalid-request");
    }

    @Test
    void theQueueIsForTheMashAndPagesWithACursor() {
        posted();
        posted();
        posted();

        JsonNode first = Http.json(http.get("/api/referrals?limit=2", mash()));
        assertThat(first.get("referrals").size()).isEqualTo(2);
        String next = first.get("next").asString();
        JsonNode second = Http.json(http.get("/api/referrals?limit=2&after=" + next, mash()));
        assertThat(second.get("referrals").get(0).get("id").asString())
                .isNotIn(
                        first.at("/referrals/0/id").asString(),
                        first.at("/referrals/1/id").asString());
        assertProblem(http.get("/api/referrals?after=not-a-cursor", mash()), 400, "invalid-value");
        for (String deadline :
                List.of("+1000000000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
            String forged = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((deadline + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            assertProblem(http.get("/api/referrals?after=" + forged, mash()), 400, "invalid-value");
        }
        assertProblem(http.get("/api/referrals?limit=1000", mash()), 400, "invalid-request");
    }

    @Test
    void aBlankStatusInTheQueueFilterAsksForNothingMoreOrLess() {
        posted();
        posted();

        assertThat(ids(http.get("/api/referrals?status=%20", mash())))
                .isEqualTo(ids(http.get("/api/referrals", mash())));
        assertThat(ids(http.get("/api/referrals?status=RECEIVED,%20", mash())))
                .isNotEmpty()
                .isEqualTo(ids(http.get("/api/referrals?status=RECEIVED", mash())));
        assertThat(ids(http.get("/api/referrals?status=CLOSED,%20", mash())))
                .isEqualTo(ids(http.get("/api/referrals?status=CLOSED", mash())));
    }

    private static List<String> ids(HttpResponse<String> queue) {
        assertThat(queue.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Http.json(queue)
                .get("referrals")
                .forEach(referral -> ids.add(referral.get("id").asString()));
        return ids;
    }

    @Test
    void refusesARelatedPersonsNameHoldingTheNulCharacterNamingWhereItIs() {
        String key = UUID.randomUUID().toString();
        String body = referral("pupil-" + UUID.randomUUID()).replace("\"Rachel\"", "\"Rach\\u0000el\"");

        JsonNode problem = assertProblem(post(key, school(), body), 400, "invalid-value");

        assertThat(problem.get("detail").asString())
                .isEqualTo("The text of 'related[0].givenName' must not hold the NUL character (U+0000).");
        // nothing was kept: the key is free for the corrected referral
        assertThat(post(key, school(), body.replace("Rach\\u0000el", "Rachel")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void anotherAgencysSystemCannotReadTheReferral() {
        String referral = posted();

        assertProblem(http.get(referral, token(HEALTH, HubScope.CONTRIBUTE)), 404, "not-found");
        assertProblem(http.get(referral + "/timeline", token(HEALTH, HubScope.CONTRIBUTE)), 404, "not-found");
        assertThat(http.get(referral, mash()).statusCode()).isEqualTo(200);
        assertThat(http.get(referral, school()).statusCode()).isEqualTo(200);
        assertThat(http.get(referral + "/timeline", school()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyReferralEndpointNeedsATokenAndItsScope() {
        String referral = posted();

        assertProblem(post(UUID.randomUUID().toString(), null, referral("x")), 401, "unauthenticated");
        assertProblem(post(UUID.randomUUID().toString(), mash(), referral("x")), 403, "forbidden");
        assertProblem(http.get("/api/referrals", null), 401, "unauthenticated");
        assertProblem(http.get("/api/referrals", school()), 403, "forbidden");
        assertProblem(http.get(referral, token(EDUCATION, HubScope.AUDIT)), 403, "forbidden");
        assertProblem(
                http.send(
                        "POST",
                        referral + "/rating",
                        school(),
                        "application/json",
                        "{\"rag\": \"RED\", \"rationale\": \"x\"}"),
                403,
                "forbidden");
        assertProblem(http.send("POST", referral + "/closure", null, null, ""), 401, "unauthenticated");
        // the referring agency's own system may read its referral but not work it: that is the MASH's (hub.triage)
        for (String step : List.of("/gathering", "/closure")) {
            assertProblem(http.send("POST", referral + step, school(), null, ""), 403, "forbidden");
            assertProblem(http.send("POST", referral + step, null, null, ""), 401, "unauthenticated");
        }
        String decision = "{\"outcome\": \"EARLY_HELP\", \"rationale\": \"Family agrees.\"}";
        assertProblem(
                http.send("POST", referral + "/decision", school(), "application/json", decision), 403, "forbidden");
        assertProblem(
                http.send("POST", referral + "/decision", null, "application/json", decision), 401, "unauthenticated");
        assertProblem(http.get(referral + "/timeline", token(EDUCATION, HubScope.AUDIT)), 403, "forbidden");
        assertProblem(http.get(referral + "/timeline", null), 401, "unauthenticated");
    }

    private static String hashOf(String body) {
        return ReferralSubmissions.hash(
                tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, ReferralDocument.class));
    }

    @Test
    void theCrossAgencySignalIsShownToTheMashButNotToTheReferringAgency() {
        // a child of their own: the other tests' referrals are all about one Amelia Hart, whom the hub links
        String family = "Signal" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        var response = post(
                UUID.randomUUID().toString(),
                school(),
                referral("pupil-" + UUID.randomUUID()).replace("Hart", family));
        String referral = response.headers().firstValue("Location").orElseThrow();

        JsonNode seenByMash = Http.json(http.get(referral, mash()));
        assertThat(seenByMash.at("/crossAgencySignal/contacts").asInt()).isEqualTo(1);
        assertThat(seenByMash.at("/crossAgencySignal/agencies/0").asString()).isEqualTo(EDUCATION);
        assertThat(Http.json(http.get(referral, school())).has("crossAgencySignal"))
                .isFalse();
        assertThat(Http.json(http.get("/api/referrals?limit=200", mash()))
                        .at("/referrals/0")
                        .has("crossAgencySignal"))
                .isTrue();
    }

    @Test
    void givesTheMashTheSubjectsPersonIdButNotTheReferringAgency() {
        var response = post(UUID.randomUUID().toString(), school(), referral("pupil-" + UUID.randomUUID()));
        String referral = response.headers().firstValue("Location").orElseThrow();

        assertThat(Http.json(http.get(referral, mash())).get("subjectPersonId").asString())
                .matches("[0-9a-f-]{36}");
        assertThat(Http.json(http.get(referral, school())).has("subjectPersonId"))
                .isFalse();
    }
}
