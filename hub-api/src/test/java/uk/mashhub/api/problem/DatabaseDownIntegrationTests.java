package uk.mashhub.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A hub whose PostgreSQL is gone: it must say so with a 503, never a 500. */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable",
            "spring.datasource.hikari.connection-timeout=500",
            "spring.datasource.hikari.initialization-fail-timeout=-1",
            "spring.liquibase.enabled=false"
        })
class DatabaseDownIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void answers503WhenThePostgresqlServerIsUnreachable() {
        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "police-case-system", "police-demo-secret");

        var response = new Http(port).get("/api/agencies", token);

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void reportsItselfNotReady() {
        var response = new Http(port).get("/actuator/health/readiness", null);

        assertThat(response.statusCode()).isEqualTo(503);
    }
}
