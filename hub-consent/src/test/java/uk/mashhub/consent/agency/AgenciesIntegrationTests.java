package uk.mashhub.consent.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.NotFound;

@ConsentIntegrationTest
class AgenciesIntegrationTests {

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
                ON CONFLICT (id) DO NOTHING""").update();
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
}
