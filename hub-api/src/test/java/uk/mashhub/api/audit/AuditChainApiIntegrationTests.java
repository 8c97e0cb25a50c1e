package uk.mashhub.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.HEALTH;
import static uk.mashhub.api.Callers.token;
import static uk.mashhub.api.ProblemAssertions.assertProblem;

import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.kernel.HubScope;

@HubIntegrationTest
class AuditChainApiIntegrationTests {

    private static final String VERIFICATION = "/api/audit/chain/verification";

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private Http http;

    AuditChainApiIntegrationTests(@Autowired JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void verifiesTheWholeChainForAnAuditorAndAuditsTheVerification() {
        var response = http.get(VERIFICATION, token(CHILDRENS, HubScope.AUDIT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode verification = Http.json(response);
        assertThat(verification.get("intact").asBoolean()).as(response.body()).isTrue();
        assertThat(verification.get("lastGoodSequence").asLong())
                .isEqualTo(verification.get("eventsChecked").asLong());
        assertThat(verification.get("headSequence").asLong())
                .isGreaterThanOrEqualTo(verification.get("lastGoodSequence").asLong());
        assertThat(verification.get("checkpointKeyId").asString()).matches("[0-9a-f]{16}");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit.audit_event
                        WHERE type = 'AuditChainVerified' AND actor = ? AND sequence > ?""")
                        .params(
                                "tester@" + CHILDRENS,
                                verification.get("lastGoodSequence").asLong())
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void anAuditorOfAnyPartnerAgencyMayVerify() {
        assertThat(http.get(VERIFICATION, token(HEALTH, HubScope.AUDIT)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesACallerWithoutAToken() {
        assertProblem(http.get(VERIFICATION, null), 401, "unauthenticated");
    }

    @Test
    void refusesAPractitionerWithoutTheAuditScope() {
        assertProblem(
                http.get(VERIFICATION, token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE, HubScope.GOVERN)),
                403,
                "forbidden");
    }
}
