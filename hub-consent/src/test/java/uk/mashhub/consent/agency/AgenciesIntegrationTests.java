package uk.mashhub.consent.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.NotFound;

@ConsentIntegrationTest
class AgenciesIntegrationTests {

    private static final Actor GOVERNANCE = new Actor(new AgencyId("westshire-police"), "governance@westshire-police");

    private final Agencies agencies;
    private final JdbcClient jdbc;

    AgenciesIntegrationTests(@Autowired Agencies agencies, @Autowired JdbcClient jdbc) {
        this.agencies = agencies;
        this.jdbc = jdbc;
    }

    @BeforeEach
    void twoAgencies() {
        jdbc.sql("""
                INSERT INTO consent.agency (id, name, type, status) VALUES
                  ('westshire-police', 'Westshire Police', 'POLICE', 'ACTIVE'),
                  ('westshire-housing', 'Westshire Homes', 'HOUSING', 'INACTIVE')
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, status = excluded.status""").update();
    }

    @Test
    void listsAgenciesOrderedByName() {
        assertThat(agencies.all().stream().filter(agency -> agency.id().value().startsWith("westshire-")))
                .containsExactly(
                        new Agency(
                                new AgencyId("westshire-housing"),
                                "Westshire Homes",
                                AgencyType.HOUSING,
                                AgencyStatus.INACTIVE),
                        new Agency(
                                new AgencyId("westshire-police"),
                                "Westshire Police",
                                AgencyType.POLICE,
                                AgencyStatus.ACTIVE));
    }

    @Test
    void findsOneAgencyById() {
        assertThat(agencies.get(new AgencyId("westshire-police")).type()).isEqualTo(AgencyType.POLICE);
    }

    @Test
    void onlyARegisteredActiveAgencyIsActive() {
        assertThat(agencies.isActive(new AgencyId("westshire-police"))).isTrue();
        assertThat(agencies.isActive(new AgencyId("westshire-housing")))
                .as("registered, inactive")
                .isFalse();
        assertThat(agencies.isActive(new AgencyId("westshire-fire")))
                .as("never registered")
                .isFalse();
    }

    @Test
    void reportsAnUnknownAgencyAsNotFound() {
        assertThat(agencies.find(new AgencyId("westshire-fire"))).isEmpty();
        assertThatThrownBy(() -> agencies.get(new AgencyId("westshire-fire"))).isInstanceOf(NotFound.class);
    }

    @Test
    void theTableRefusesAnAgencyTypeTheHubDoesNotKnow() {
        assertThatThrownBy(() -> jdbc.sql(
                                "INSERT INTO consent.agency (id, name, type, status) VALUES ('x', 'X', 'FIRE', 'ACTIVE')")
                        .update())
                .hasMessageContaining("agency_type_known");
    }

    @Test
    void registersAnAgencyOnceAndRefusesTheSameIdAgain() {
        var fire = new Agency(
                new AgencyId("westshire-fire"), "Westshire Fire and Rescue", AgencyType.OTHER, AgencyStatus.ACTIVE);
        try {
            agencies.register(fire, GOVERNANCE);

            assertThat(agencies.get(fire.id())).isEqualTo(fire);
            var again = new Agency(fire.id(), "Another Name", AgencyType.HEALTH, AgencyStatus.INACTIVE);
            assertThatThrownBy(() -> agencies.register(again, GOVERNANCE))
                    .isInstanceOfSatisfying(HubProblem.class, problem -> assertThat(problem.type())
                            .isEqualTo(Agencies.ALREADY_REGISTERED));
            assertThat(agencies.get(fire.id()))
                    .as("the first registration stands")
                    .isEqualTo(fire);
        } finally {
            jdbc.sql("DELETE FROM consent.agency WHERE id = 'westshire-fire'").update();
        }
    }

    @Test
    void registersAnAgencyOnlyOnceWhenManyAskAtTheSameMoment() throws Exception {
        var fire = new Agency(
                new AgencyId("westshire-fire"), "Westshire Fire and Rescue", AgencyType.OTHER, AgencyStatus.ACTIVE);
        int callers = 6;
        var start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        agencies.register(fire, GOVERNANCE);
                        return "registered";
                    } catch (HubProblem problem) {
                        return problem.type().slug();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> answer : answers) {
                outcomes.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes)
                    .containsOnlyOnce("registered")
                    .containsOnly("registered", Agencies.ALREADY_REGISTERED.slug());
        } finally {
            jdbc.sql("DELETE FROM consent.agency WHERE id = 'westshire-fire'").update();
        }
    }

    @Test
    void changesAnAgencysNameTypeAndStatusButNeverItsId() {
        var changed = new Agency(
                new AgencyId("westshire-housing"), "Westshire Housing Trust", AgencyType.HOUSING, AgencyStatus.ACTIVE);

        assertThat(agencies.change(changed, GOVERNANCE)).isEqualTo(changed);

        assertThat(agencies.get(changed.id())).isEqualTo(changed);
        assertThat(agencies.isActive(changed.id())).isTrue();
    }

    @Test
    void refusesToChangeAnAgencyThatIsNotRegistered() {
        var unknown = new Agency(
                new AgencyId("westshire-fire"), "Westshire Fire and Rescue", AgencyType.OTHER, AgencyStatus.ACTIVE);

        assertThatThrownBy(() -> agencies.change(unknown, GOVERNANCE)).isInstanceOf(NotFound.class);
        assertThat(agencies.find(unknown.id())).isEmpty();
    }
}
