package uk.mashhub.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import java.util.UUID;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import mashhub.testsupport.identity.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@HubIntegrationTest
class PathFirstRoutingIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void registersThePathFirstHandlerMapping(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        assertThat(mappings).isInstanceOf(PathFirstRouting.PathFirstMappings.class);
    }

    @Test
    void answersAMethodAPathWithAVariableDoesNotTakeWith405AndWhatItTakes() {
        String token = Tokens.clientCredentials(
                IdentityProviderInitializer.identityProvider(), "childrens-case-system", "childrens-demo-secret");

        var response = new Http(port).send("DELETE", "/api/referrals/" + UUID.randomUUID(), token, null, "");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }
}
