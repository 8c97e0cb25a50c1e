package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@HubIntegrationTest
class ApiDescriptionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void publishesAnOpenApi31DocumentWithTheOAuth2SchemeWithoutAToken() {
        var response = new Http(port).get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = Http.json(response);
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        assertThat(api.at("/components/securitySchemes/hub-oauth2/type").asString())
                .isEqualTo("oauth2");
        assertThat(api.at("/components/securitySchemes/hub-oauth2/flows/clientCredentials/tokenUrl")
                        .asString())
                .endsWith("/oauth2/token");
        assertThat(api.get("paths").propertyNames()).contains("/api/agencies", "/api/agencies/{agencyId}");
    }

    @Test
    void describesTheApiOnlyNotThePagesOrTheErrorDispatch() {
        JsonNode paths = Http.json(new Http(port).get("/v3/api-docs", null)).get("paths");

        assertThat(paths.propertyNames()).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
    }
}
