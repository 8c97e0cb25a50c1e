package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.mashhub.api.Callers;
import uk.mashhub.api.release.ReleaseCase;
import uk.mashhub.kernel.HubScope;

/**
 * Every operation the OpenAPI document describes, called the way a careless or hostile client
 * would: without a token, with a token that holds no scope, and with ids, query values, headers
 * and bodies that are wrong in every way we could think of. Whatever an operation does, it must
 * answer such calls with a 4xx RFC 9457 problem that gives nothing away — never a 5xx, a stack
 * trace, or the personal data it was sent. The operations are read from the published document,
 * so an operation added later is covered without touching this class.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryOperationIntegrationTests {

    /** Looks like a person's name, date of birth and NHS number; must never come back. */
    private static final String PERSONAL = "Zebedee Quux 1999-01-01 9434765919";

    /**
     * The operations any partner's authenticated system may call whatever scopes it holds: reading
     * the register of partner agencies (docs/api.md). Anything else needs a scope.
     */
    private static final Set<String> OPEN_TO_EVERY_PARTNER =
            Set.of("GET /api/agencies", "GET /api/agencies/{agencyId}");

    private static final List<String> HOSTILE_IDS = List.of(
            "not-an-id",
            UUID.randomUUID().toString(),
            "-1",
            "99999999999999999999999999",
            encode(PERSONAL),
            encode("' OR '1'='1"),
            encode("\u202e\u00fc\ud83d\udca5"),
            "%00",
            "%2e%2e",
            "a".repeat(2_000));

    private static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "",
            encode(PERSONAL),
            "-1",
            "0",
            "99999999999999999999999999",
            "2026-02-30",
            "2026-11-22T25:61:00Z",
            encode("' OR '1'='1"),
            "%00",
            "a".repeat(4_000));

    private static final List<String> HOSTILE_JSON = List.of(
            "{",
            "[]",
            "\"" + PERSONAL + "\"",
            "null",
            "{}",
            "{\"unknown\": \"" + PERSONAL + "\"}",
            "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            "{\"x\": 1e999999999}",
            "\u0000",
            "\ud800");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Values that break a field rather than the JSON: the kinds a database or a parser chokes on. */
    private static final JsonNode NUL_TEXT = JSON.getNodeFactory().stringNode("Zebedee\u0000Quux");

    private static final List<JsonNode> HOSTILE_FIELD_VALUES = List.of(
            NUL_TEXT,
            JSON.getNodeFactory().stringNode("\ud800 " + PERSONAL),
            JSON.getNodeFactory().stringNode(PERSONAL + "\u202e" + "\u00e9".repeat(70_000)),
            JSON.getNodeFactory().stringNode("0000-00-00"),
            JSON.getNodeFactory().stringNode("-999999999-01-01T00:00:00Z"),
            JSON.getNodeFactory().stringNode("+999999999-12-31"),
            JSON.getNodeFactory().stringNode("9999-12-31T23:59:59Z"),
            JSON.getNodeFactory().numberNode(Long.MAX_VALUE),
            JSON.getNodeFactory().numberNode(new BigDecimal("1e308")),
            JSON.getNodeFactory().numberNode(-1),
            JSON.getNodeFactory().nullNode(),
            JSON.createObjectNode().put("nested", PERSONAL),
            JSON.createArrayNode().add(PERSONAL));

    private static final List<String> HOSTILE_HEADER_VALUES =
            List.of("", PERSONAL, "x".repeat(1_000), "\u00fc\u00e9", "'; DROP TABLE referral; --");

    @LocalServerPort
    int port;

    private Http http;
    private JdbcClient jdbc;
    private JsonNode api;
    private List<Operation> operations;
    private String everyScope;

    @BeforeAll
    void readTheDocument(@Autowired JdbcClient jdbc) {
        http = new Http(port);
        this.jdbc = jdbc;
        Callers.registerPartnership(jdbc);
        api = Http.json(http.get("/v3/api-docs", null));
        operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }
        everyScope = Callers.token(Callers.POLICE, HubScope.values());
    }

    @Test
    void theDocumentDescribesTheWholeApi() {
        // the control for the sweeps below: they can only prove something about what they call
        assertThat(operations).hasSizeGreaterThan(40);
        assertThat(operations)
                .extracting(Operation::name)
                .contains(
                        "POST /api/referrals",
                        "POST /api/referrals/{referralId}/releases",
                        "POST /api/records/bulk",
                        "GET /api/audit/disclosures");
        assertThat(operations.stream().filter(Operation::hasJsonBody)).hasSizeGreaterThan(15);
        assertThat(operations.stream().filter(o -> !o.query().isEmpty())).hasSizeGreaterThan(3);
    }

    @Test
    void everyOperationRefusesACallWithoutATokenWith401() {
        var failures = new Failures();
        for (Operation operation : operations) {
            var response = http.send(request(operation, concrete(operation.path()), null, "{}"));
            failures.expect(operation.name() + " without a token", response, 401);
            if (response.statusCode() == 401) {
                failures.check(
                        operation.name() + " without a token: WWW-Authenticate",
                        response.headers()
                                .firstValue("WWW-Authenticate")
                                .orElse("")
                                .startsWith("Bearer"));
            }
        }
        failures.assertNone();
    }

    @Test
    void everyOperationButTheRegisterRefusesATokenWithoutScopesWith403() {
        String noScope = Callers.token(Callers.POLICE);
        var failures = new Failures();
        for (Operation operation : operations) {
            var response = http.send(request(operation, concrete(operation.path()), noScope, "{}"));
            if (OPEN_TO_EVERY_PARTNER.contains(operation.name())) {
                failures.check(
                        operation.name() + " is open to every partner",
                        response.statusCode() != 401 && response.statusCode() != 403);
            } else {
                failures.expect(operation.name() + " with no scope", response, 403);
            }
        }
        failures.assertNone();
    }

    @Test
    void answersAHostileIdWithAProblemThatEchoesNothing() {
        sweep(
                200,
                operation -> operation.path().contains("{")
                        ? HOSTILE_IDS.stream()
                                .map(id -> new HostileCall(
                                        operation.name() + " with id " + abbreviate(id),
                                        request(
                                                operation,
                                                operation.path().replaceAll("\\{[^}]+}", id),
                                                everyScope,
                                                "{}")))
                                .toList()
                        : List.of());
    }

    @Test
    void answersAHostileQueryValueWithAProblemThatEchoesNothing() {
        sweep(50, operation -> operation.query().stream()
                .flatMap(parameter -> HOSTILE_QUERY_VALUES.stream()
                        .map(value -> new HostileCall(
                                operation.name() + " with " + parameter + "=" + abbreviate(value),
                                request(
                                        operation,
                                        concrete(operation.path()) + "?" + parameter + "=" + value,
                                        everyScope,
                                        "{}"))))
                .toList());
    }

    @Test
    void answersAHostileHeaderWithAProblemThatEchoesNothing() {
        sweep(4, operation -> operation.headers().stream()
                .flatMap(header -> HOSTILE_HEADER_VALUES.stream()
                        .map(value -> new HostileCall(
                                operation.name() + " with " + header + ": " + abbreviate(value),
                                request(
                                        operation,
                                        concrete(operation.path()),
                                        everyScope,
                                        "{}",
                                        builder -> builder.setHeader(header, value)))))
                .toList());
    }

    @Test
    void answersAHostileBodyWithAProblemThatEchoesNothing() {
        sweep(200, operation -> {
            if (!operation.takesBody()) {
                return List.of();
            }
            List<String> bodies = new ArrayList<>(HOSTILE_JSON);
            bodies.add(everyProperty(operation, property -> "\"" + PERSONAL + "\""));
            bodies.add(everyProperty(operation, EveryOperationIntegrationTests::wrongType));
            bodies.add(everyProperty(operation, property -> "\"" + "\u00e9".repeat(100_000) + "\""));
            return bodies.stream()
                    .map(body -> new HostileCall(
                            operation.name() + " with body " + abbreviate(body),
                            request(operation, concrete(operation.path()), everyScope, body)))
                    .toList();
        });
    }

    /** A call a hostile client could make, and how to name it in a failure. */
    private record HostileCall(String what, HttpRequest request) {}

    /**
     * Makes the calls {@code hostile} has for every operation — at least {@code atLeast}, so the
     * sweep cannot pass by calling nothing — and reports every answer that is a server error, or a
     * refusal that is not a problem giving nothing away.
     */
    private void sweep(int atLeast, Function<Operation, List<HostileCall>> hostile) {
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            for (HostileCall call : hostile.apply(operation)) {
                failures.expectRefusalOrAnswer(call.what(), http.send(call.request()));
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(atLeast);
        failures.assertNone();
    }

    @Test
    void answersAHostileValueInOneFieldOfAWellFormedBodyWithAProblemThatEchoesNothing() {
        Map<String, Call> wellFormed = wellFormedCalls();
        assertThat(wellFormed.keySet())
                .as("every operation that takes a body has a well-formed call here")
                .containsAll(operations.stream()
                        .filter(Operation::takesBody)
                        .map(Operation::name)
                        .toList());
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            Call call = wellFormed.get(operation.name());
            if (call == null) {
                continue;
            }
            // the control: the call as it stands is accepted, so what refuses a variant is its one field
            var accepted =
                    http.send(request(operation, call.path(), everyScope, call.encode(call.body()), call::typed));
            failures.check(
                    operation.name() + " well-formed: " + accepted.statusCode() + " " + abbreviate(accepted.body()),
                    call.acceptedFirst() ? accepted.statusCode() < 300 : accepted.statusCode() == 409);
            for (String field : leaves(call.body(), "")) {
                for (JsonNode value : HOSTILE_FIELD_VALUES) {
                    String body = call.encode(replaced(call.body(), field, value));
                    var response = http.send(request(operation, call.path(), everyScope, body, call::typed));
                    String what = operation.name() + " with " + field + " = " + abbreviate(value.toString());
                    failures.expectRefusalOrAnswer(what, response);
                    if (value == NUL_TEXT) {
                        // refused as a value the hub cannot store — not as a conflict, not as a batch of wrong lines
                        failures.check(
                                what + ": " + response.statusCode() + " instead of " + (call.ndjson() ? 422 : 400),
                                response.statusCode() == (call.ndjson() ? 422 : 400));
                    }
                    calls++;
                }
            }
        }
        assertThat(calls).isGreaterThan(1_000);
        failures.assertNone();
    }

    /**
     * For every operation that takes a body, a call the hub would accept: a real referral, record,
     * consent, override, agreement draft and agency to address (made through the API here), and a
     * body right in every field — so that the one hostile field is all that is wrong with it.
     */
    private Map<String, Call> wellFormedCalls() {
        ReleaseCase aCase = ReleaseCase.create(http, port, jdbc);
        String child = aCase.childsPersonId(http);
        String referral = aCase.referral();
        String subject = """
                {"localId": "SWEEP-%s", "givenName": "Amelia", "familyName": "Hart", "dateOfBirth": "2016-05-04",
                 "sex": "FEMALE", "postcode": "NS1 4AB", "nhsNumber": "%s"}""".formatted(UUID.randomUUID(), aCase.childsNhsNumber());
        String record = """
                {"subject": %s, "category": "POLICE_INCIDENTS", "fields": {"incidentDate": "2026-09-30",
                 "incidentType": "DOMESTIC", "summary": "Neighbour called", "childPresent": true},
                 "specialCategoryFields": [], "sourceReference": "SWEEP-1", "recordedAt": "2026-10-01T10:00:00Z"}""".formatted(subject);
        String consent = """
                {"status": "GIVEN", "givenBy": "PARENTAL_RESPONSIBILITY", "giverName": "A. Parent",
                 "giverRelationship": "mother", "validFrom": "2026-10-01T00:00:00Z", "validUntil": "2027-10-01T00:00:00Z",
                 "scope": {"purposes": ["EARLY_HELP"], "everyParty": true, "categories": ["POLICE_INCIDENTS"]},
                 "form": {"formId": "NSCP-EH-CONSENT", "version": "3"}}""";
        String override = """
                {"kind": "OVERRIDE", "personId": "%s", "justification": "Asking the parents would increase the risk.",
                 "gateway": "Children Act 1989 s47", "provider": "northshire-police", "categories": ["POLICE_INCIDENTS"],
                 "purpose": "SAFEGUARDING_CHILDREN", "fields": ["summary"], "expiresAt": "%s"}""".formatted(child, Instant.now().plus(Duration.ofDays(7)));
        String agreement = demoAgreement().replace("Northshire Safeguarding Children Partnership", "Sweep");
        String agency = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        String version = accepted("POST", "/api/agreements", agreement)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String consentId = Http.json(accepted("POST", "/api/persons/" + child + "/consents", consent))
                .get("id")
                .asString();
        String overrideId = Http.json(accepted("POST", referral + "/overrides", override))
                .get("id")
                .asString();
        long sequence = aCase.released(http, everyScope, aCase.policeRecord())
                .at("/receipt/sequence")
                .asLong();
        accepted(
                "POST",
                "/api/agencies",
                "{\"id\": \"%s\", \"name\": \"Sweep\", \"type\": \"HOUSING\"}".formatted(agency));

        Map<String, Call> calls = new HashMap<>();
        calls.put("POST /api/referrals", Call.json("/api/referrals", """
                {"subject": %s, "related": [{"localId": "SWEEP-M", "givenName": "Ruth", "familyName": "Hart",
                  "dateOfBirth": "1990-02-03", "sex": "FEMALE", "postcode": "NS1 4AB", "relationship": "mother"}],
                 "concerns": ["NEGLECT"], "narrative": "Found alone at home at night.",
                 "consent": {"sought": true, "answer": "GIVEN"}, "urgency": "ROUTINE",
                 "referrer": {"name": "PC Lee", "role": "Officer", "phone": "01234 567890", "email": "lee@police.example"}}""".formatted(subject)));
        calls.put("POST /api/records", Call.json("/api/records", record));
        calls.put("POST /api/records/bulk", Call.ndjson("/api/records/bulk", record));
        calls.put("POST /api/referrals/{referralId}/releases", Call.json(aCase.releases(), """
                {"purpose": "SAFEGUARDING_CHILDREN", "recordId": "%s"}""".formatted(
                        aCase.policeRecord())));
        calls.put("POST /api/referrals/{referralId}/rating", Call.json(referral + "/rating", """
                {"rag": "AMBER", "rationale": "Repeated incidents"}"""));
        calls.put("POST /api/referrals/{referralId}/decision", Call.json(referral + "/decision", """
                {"outcome": "EARLY_HELP", "rationale": "Support offered"}"""));
        calls.put("POST /api/referrals/{referralId}/overrides", Call.json(referral + "/overrides", override));
        calls.put("POST /api/persons/{personId}/consents", Call.json("/api/persons/" + child + "/consents", consent));
        calls.put(
                "POST /api/persons/{personId}/consents/{consentId}/withdrawal",
                Call.json("/api/persons/" + child + "/consents/" + consentId + "/withdrawal", """
                {"withdrawnBy": "PARENTAL_RESPONSIBILITY", "giverName": "A. Parent", "giverRelationship": "mother"}"""));
        calls.put(
                "POST /api/overrides/{overrideId}/review", Call.json("/api/overrides/" + overrideId + "/review", """
                {"outcome": "APPROVED", "note": "Proportionate"}"""));
        calls.put(
                "POST /api/audit/subjects/{personId}/withholdings",
                Call.json("/api/audit/subjects/" + child + "/withholdings", """
                {"sequence": %d, "exemption": "CRIME_AND_TAXATION", "reference": "DPO-2026/17"}""".formatted(sequence)));
        calls.put("POST /api/agreements", Call.json("/api/agreements", agreement));
        calls.put("PUT /api/agreements/{agreementId}/versions/{version}", Call.json(version, agreement));
        calls.put(
                "POST /api/agreements/{agreementId}/versions/{version}/signatures",
                Call.json(version + "/signatures", """
                {"signatoryName": "Officer of police", "signatoryRole": "Director"}"""));
        calls.put(
                "POST /api/agreements/{agreementId}/versions/{version}/suspension",
                Call.refusedInThisState(version + "/suspension", """
                {"reason": "Under review"}"""));
        calls.put(
                "POST /api/agreements/{agreementId}/versions/{version}/termination",
                Call.refusedInThisState(version + "/termination", """
                {"reason": "Replaced"}"""));
        calls.put("POST /api/agencies", Call.json("/api/agencies", """
                {"id": "%s-2", "name": "Sweep", "type": "HOUSING"}""".formatted(agency)));
        calls.put("PUT /api/agencies/{agencyId}", Call.json("/api/agencies/" + agency, """
                {"name": "Sweep Homes", "type": "HOUSING", "status": "ACTIVE"}"""));
        return calls;
    }

    /** The worked-example agreement the local run loads (a resource of the demo data). */
    private static String demoAgreement() {
        try (InputStream in = EveryOperationIntegrationTests.class
                .getClassLoader()
                .getResourceAsStream("demo/northshire-safeguarding-agreement.json")) {
            assertThat(in).as("the demo agreement on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> accepted(String method, String path, String body) {
        var response = http.send(method, path, everyScope, "application/json", body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return response;
    }

    /** A well-formed call: where it goes, and its body (one NDJSON line for a bulk upload). */
    private record Call(String path, JsonNode body, boolean ndjson, boolean acceptedFirst) {

        static Call json(String path, String body) {
            return new Call(path, JSON.readTree(body), false, true);
        }

        static Call ndjson(String path, String line) {
            return new Call(path, JSON.readTree(line), true, true);
        }

        /**
         * A call the hub refuses as it stands, 409, for a state this sweep does not set up: a draft
         * cannot be suspended or terminated, and activating one would put a second live agreement
         * in front of every other test. Its body is still read and checked before the state is.
         */
        static Call refusedInThisState(String path, String body) {
            return new Call(path, JSON.readTree(body), false, false);
        }

        /** The request with this call's media type. */
        HttpRequest.Builder typed(HttpRequest.Builder request) {
            return request.setHeader("Content-Type", ndjson ? "application/x-ndjson" : "application/json");
        }

        String encode(JsonNode changed) {
            return ndjson ? changed + "\n" : changed.toString();
        }
    }

    /** The path with a well-formed id nobody holds in every variable: the call reaches its handler. */
    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private HttpRequest request(Operation operation, String path, @Nullable String token, String body) {
        return request(operation, path, token, body, builder -> builder);
    }

    /** The call as a client would make it: a fresh Idempotency-Key where the operation takes one. */
    private HttpRequest request(
            Operation operation,
            String path,
            @Nullable String token,
            String body,
            UnaryOperator<HttpRequest.Builder> more) {
        var builder = http.request(path, token);
        if (operation.takesBody()) {
            builder.method(operation.method(), HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", operation.bodyType());
        } else {
            builder.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (operation.headers().contains("Idempotency-Key")) {
            builder.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return more.apply(builder).build();
    }

    /** A JSON object with every property of the operation's body schema set to {@code value}. */
    private String everyProperty(Operation operation, Function<JsonNode, String> value) {
        List<String> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property :
                resolve(operation.bodySchema()).path("properties").properties()) {
            members.add("\"" + property.getKey() + "\": " + value.apply(resolve(property.getValue())));
        }
        return members.stream().collect(Collectors.joining(", ", "{", "}"));
    }

    /** A value of the wrong JSON type for {@code schema}. */
    private static String wrongType(JsonNode schema) {
        JsonNode type = schema.path("type");
        return switch (type.isArray() ? type.get(0).asString() : type.asString("")) {
            case "string" -> "{\"nested\": [\"" + PERSONAL + "\"]}";
            case "integer", "number", "boolean", "array" -> "\"" + PERSONAL + "\"";
            default -> "[\"" + PERSONAL + "\", 1e999999999]";
        };
    }

    /** JSON pointers to every value in {@code node} that is not an object or array. */
    private static List<String> leaves(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(member -> found.addAll(leaves(member.getValue(), at + "/" + member.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(leaves(node.get(i), at + "/" + i));
            }
        } else {
            found.add(at);
        }
        return found;
    }

    /** A copy of {@code body} with the value at {@code pointer} replaced. */
    private static JsonNode replaced(JsonNode body, String pointer, JsonNode value) {
        JsonNode copy = body.deepCopy();
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode container = parent.isEmpty() ? copy : copy.at(parent);
        if (container instanceof ObjectNode object) {
            object.set(last, value);
        } else if (container instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/") ? api.at(ref.substring(1)) : schema;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "… (" + value.length() + " chars)" : value;
        return shown.replace("\u0000", "\\0");
    }

    /** One operation of the document: its method, path template and description. */
    private record Operation(String method, String path, JsonNode description) {

        String name() {
            return method + " " + path;
        }

        List<String> query() {
            return parameters("query");
        }

        List<String> headers() {
            return parameters("header");
        }

        private List<String> parameters(String in) {
            List<String> names = new ArrayList<>();
            description.path("parameters").forEach(parameter -> {
                if (in.equals(parameter.path("in").asString(""))) {
                    names.add(parameter.get("name").asString());
                }
            });
            return names;
        }

        boolean hasJsonBody() {
            return description.path("requestBody").path("content").has("application/json");
        }

        /** The schema of the body (of each line, for NDJSON). */
        JsonNode bodySchema() {
            return description
                    .path("requestBody")
                    .path("content")
                    .path(bodyType())
                    .path("schema");
        }

        boolean takesBody() {
            return !description
                    .path("requestBody")
                    .path("content")
                    .propertyNames()
                    .isEmpty();
        }

        /** The body's media type as the document gives it first. */
        String bodyType() {
            return description
                    .path("requestBody")
                    .path("content")
                    .propertyNames()
                    .iterator()
                    .next();
        }
    }

    /** Everything wrong across a sweep, reported together rather than at the first. */
    private static final class Failures {

        private final List<String> found = new ArrayList<>();

        void check(String what, boolean holds) {
            if (!holds) {
                found.add(what);
            }
        }

        /** A problem response with exactly {@code status}. */
        void expect(String what, HttpResponse<String> response, int status) {
            if (response.statusCode() != status) {
                found.add(what + ": " + response.statusCode() + " instead of " + status + " "
                        + abbreviate(response.body()));
            } else {
                problem(what, response);
            }
        }

        /** Any answer but a server error; a refusal is a problem response that gives nothing away. */
        void expectRefusalOrAnswer(String what, HttpResponse<String> response) {
            if (response.statusCode() >= 500) {
                found.add(what + ": " + response.statusCode() + " " + abbreviate(response.body()));
            } else if (response.statusCode() >= 400) {
                problem(what, response);
            }
        }

        private void problem(String what, HttpResponse<String> response) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body = response.body();
            if (!type.startsWith("application/problem+json")) {
                found.add(what + ": " + response.statusCode() + " as " + type + " " + abbreviate(body));
                return;
            }
            JsonNode problem = Http.json(response);
            if (!problem.path("type").asString("").startsWith("urn:mash-hub:problem:")
                    || problem.path("status").asInt() != response.statusCode()
                    || problem.path("detail").asString("").isBlank()) {
                found.add(what + ": not one of the hub's problems " + abbreviate(body));
            }
            for (String leak : List.of(PERSONAL, "Zebedee", "Exception", "java.", "uk.mashhub", "\tat ")) {
                if (body.contains(leak)) {
                    found.add(what + ": the answer contains " + leak + " " + abbreviate(body));
                }
            }
        }

        void assertNone() {
            assertThat(found).as(String.join("\n", found)).isEmpty();
        }
    }
}
