package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.CHILDRENS;
import static uk.mashhub.api.Callers.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import mashhub.testsupport.InfrastructureInitializer;
import mashhub.testsupport.identity.IdentityProviderInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.mashhub.HubApplication;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.audit.ChainVerification;
import uk.mashhub.audit.reader.StreamReader;
import uk.mashhub.kernel.HubScope;

/**
 * Two hub instances — two whole application contexts on their own ports — releasing at the same
 * time against one database: one chain, no gaps, no two events with one sequence, and it verifies.
 */
@HubIntegrationTest
class TwoHubsReleasingIntegrationTests {

    @LocalServerPort
    int port;

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final StreamReader reader;

    TwoHubsReleasingIntegrationTests(
            @Autowired JdbcClient jdbc, @Autowired AuditChain chain, @Autowired StreamReader reader) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.reader = reader;
    }

    @Test
    void twoInstancesReleasingConcurrentlyWriteOneGapFreeVerifiableChain() throws Exception {
        ReleaseCase aCase = ReleaseCase.create(new Http(port), port, jdbc);
        try (var second = new SpringApplicationBuilder(HubApplication.class)
                .initializers(new InfrastructureInitializer(), new IdentityProviderInitializer())
                .run("--server.port=0", "--spring.main.banner-mode=off")) {
            int secondPort =
                    ((WebServerApplicationContext) second).getWebServer().getPort();
            List<Http> hubs = List.of(new Http(port), new Http(secondPort));
            String token = token(CHILDRENS, HubScope.TRIAGE, HubScope.RELEASE);
            String ask = "{\"purpose\": \"SAFEGUARDING_CHILDREN\", \"recordId\": \"" + aCase.policeRecord() + "\"}";
            long headBefore = chain.status().headSequence();

            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> work = new ArrayList<>();
            for (int caller = 0; caller < 8; caller++) {
                Http hub = hubs.get(caller % 2);
                work.add(callers.submit(() -> {
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        var response = hub.send("POST", aCase.releases(), token, "application/json", ask);
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        JsonNode disclosure =
                                Http.json(response).get("disclosures").get(0);
                        assertThat(disclosure.get("decision").asString()).isEqualTo("PERMIT");
                        sequences.add(disclosure.at("/receipt/sequence").asLong());
                    }
                    return sequences;
                }));
            }
            Set<Long> receipts = new HashSet<>();
            for (Future<List<Long>> done : work) {
                receipts.addAll(done.get());
            }
            callers.shutdown();

            assertThat(receipts)
                    .as("every receipt names its own sequence number")
                    .hasSize(8 * 40);
            assertThat(receipts).allSatisfy(sequence -> assertThat(sequence).isGreaterThan(headBefore));
            assertThat(jdbc.sql("SELECT max(sequence) - count(*) FROM audit.audit_event")
                            .query(Long.class)
                            .single())
                    .as("no gaps")
                    .isZero();
            ChainVerification verification = second.getBean(AuditChain.class).verify();
            assertThat(verification.intact())
                    .as(String.valueOf(verification.problem()))
                    .isTrue();
            assertThat(verification.lastGoodSequence()).isGreaterThanOrEqualTo(headBefore + 8 * 40);

            // one read model for both: whichever instance consumes, each reports where it stands
            long last = receipts.stream().mapToLong(Long::longValue).max().orElseThrow();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (reader.status().position() < last
                    || second.getBean(StreamReader.class).status().position() < last) {
                assertThat(System.nanoTime())
                        .as("both instances see the read model reach the releases")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
