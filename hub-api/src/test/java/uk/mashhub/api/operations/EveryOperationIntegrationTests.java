package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import uk.mashhub.api.Callers;
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

    private static final List<String> HOSTILE_HEADER_VALUES =
            List.of("", PERSONAL, "x".repeat(1_000), "\u00fc\u00e9", "'; DROP TABLE referral; --");

    @LocalServerPort
    int port;

    private Http http;
    private JsonNode api;
    private List<Operation> operations;
    private String everyScope;

    @BeforeAll
    void readTheDocument(@Autowired JdbcClient jdbc) {
        http = new Http(port);
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
    void noOperationAnswersAHostileIdWithAServerError() {
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            if (!operation.path().contains("{")) {
                continue;
            }
            for (String id : HOSTILE_IDS) {
                String path = operation.path().replaceAll("\\{[^}]+}", id);
                var response = http.send(request(operation, path, everyScope, "{}"));
                failures.expectRefusalOrAnswer(operation.name() + " with id " + abbreviate(id), response);
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(200);
        failures.assertNone();
    }

    @Test
    void noOperationAnswersAHostileQueryValueWithAServerError() {
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            for (String parameter : operation.query()) {
                for (String value : HOSTILE_QUERY_VALUES) {
                    String path = concrete(operation.path()) + "?" + parameter + "=" + value;
                    var response = http.send(request(operation, path, everyScope, "{}"));
                    failures.expectRefusalOrAnswer(
                            operation.name() + " with " + parameter + "=" + abbreviate(value), response);
                    calls++;
                }
            }
        }
        assertThat(calls).isGreaterThan(50);
        failures.assertNone();
    }

    @Test
    void noOperationAnswersAHostileHeaderWithAServerError() {
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            for (String header : operation.headers()) {
                for (String value : HOSTILE_HEADER_VALUES) {
                    var request = request(
                            operation,
                            concrete(operation.path()),
                            everyScope,
                            "{}",
                            builder -> builder.setHeader(header, value));
                    failures.expectRefusalOrAnswer(
                            operation.name() + " with " + header + ": " + abbreviate(value), http.send(request));
                    calls++;
                }
            }
        }
        assertThat(calls).isGreaterThan(4);
        failures.assertNone();
    }

    @Test
    void noOperationAnswersAHostileBodyWithAServerError() {
        var failures = new Failures();
        int calls = 0;
        for (Operation operation : operations) {
            if (!operation.hasJsonBody()) {
                continue;
            }
            List<String> bodies = new ArrayList<>(HOSTILE_JSON);
            bodies.add(everyProperty(operation, property -> "\"" + PERSONAL + "\""));
            bodies.add(everyProperty(operation, EveryOperationIntegrationTests::wrongType));
            bodies.add(everyProperty(operation, property -> "\"" + "\u00e9".repeat(100_000) + "\""));
            for (String body : bodies) {
                var response = http.send(request(operation, concrete(operation.path()), everyScope, body));
                failures.expectRefusalOrAnswer(operation.name() + " with body " + abbreviate(body), response);
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(200);
        failures.assertNone();
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
            return !bodySchema().isMissingNode();
        }

        JsonNode bodySchema() {
            return description
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
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
