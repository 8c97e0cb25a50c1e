package uk.mashhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import mashhub.testsupport.Http;
import tools.jackson.databind.JsonNode;

/** What every error answer of the hub must look like. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /**
     * Asserts an RFC 9457 problem with the given status and type slug, and that the body gives
     * nothing away: no stack trace, no class or package name.
     */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Http.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:mash-hub:problem:" + slug);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString())
                .as("an occurrence id, never the path")
                .startsWith("urn:uuid:");
        assertThat(response.body())
                .doesNotContain(
                        "Exception", "exception", "java.", "uk.mashhub", "org.springframework", "\tat ", "trace");
        return problem;
    }
}
