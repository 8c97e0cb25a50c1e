package uk.mashhub.consent.consents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.MutableClock;
import mashhub.testsupport.Partnership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.consent.Northshire;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.PersonId;

@ConsentIntegrationTest
class ConsentsIntegrationTests {

    private final Consents consents;
    private final JdbcClient jdbc;
    private final MutableClock clock;

    ConsentsIntegrationTests(@Autowired Consents consents, @Autowired JdbcClient jdbc, @Autowired MutableClock clock) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @BeforeEach
    void partnership() {
        Partnership.register(jdbc);
    }

    private static ConsentStatement givenByMother() {
        return new ConsentStatement(
                ConsentStatus.GIVEN,
                ConsentGiver.PARENTAL_RESPONSIBILITY,
                "A. Parent",
                "mother",
                new ConsentScope(
                        Set.of(Northshire.EARLY_HELP), true, Set.of(), Set.of(DataCategory.EDUCATION_ATTENDANCE)),
                Northshire.EARLY_HELP_FORM,
                null,
                null);
    }

    @Test
    void keepsTheWholeHistoryAndAWithdrawalIsANewEntry() {
        PersonId child = new PersonId(UUID.randomUUID());
        Consent given = consents.record(child, givenByMother(), Northshire.CHILDRENS_PRACTITIONER);
        clock.advance(Duration.ofDays(3));

        Consent withdrawn = consents.withdraw(
                child,
                given.id(),
                ConsentGiver.PARENTAL_RESPONSIBILITY,
                "A. Parent",
                "mother",
                Northshire.CHILDRENS_PRACTITIONER);

        assertThat(consents.history(child)).containsExactly(given, withdrawn);
        assertThat(withdrawn.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawn.withdraws()).isEqualTo(given.id());
        assertThat(withdrawn.scope()).isEqualTo(given.scope());
        assertThat(withdrawn.validFrom()).isEqualTo(clock.instant());
    }

    @Test
    void theTableRefusesToChangeOrDeleteAnEntry() {
        PersonId child = new PersonId(UUID.randomUUID());
        consents.record(child, givenByMother(), Northshire.CHILDRENS_PRACTITIONER);

        assertThatThrownBy(() -> jdbc.sql("UPDATE consent.consent_entry SET status = 'REFUSED' WHERE person_id = ?")
                        .param(child.value())
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM consent.consent_entry WHERE person_id = ?")
                        .param(child.value())
                        .update())
                .hasMessageContaining("append-only");
        assertThat(consents.history(child))
                .singleElement()
                .extracting(Consent::status)
                .isEqualTo(ConsentStatus.GIVEN);
    }

    @Test
    void auditsEveryEntryWithIdentifiersButNotTheGiversNameAndOnlyAPseudonymOfTheChild() {
        PersonId child = new PersonId(UUID.randomUUID());
        Consent given = consents.record(child, givenByMother(), Northshire.CHILDRENS_PRACTITIONER);

        String details = jdbc.sql(
                        "SELECT details::text FROM audit.audit_event WHERE type = 'ConsentGiven' AND details->>'consentId' = ?")
                .param(given.id().toString())
                .query(String.class)
                .single();

        assertThat(details)
                .contains(given.id().toString(), "\"personId\":\"psn:", "EARLY_HELP", "NSCP-EH-CONSENT@3")
                .doesNotContain(child.toString(), "A. Parent", "mother");
    }

    @Test
    void refusesConsentFromSomeoneWithParentalResponsibilityWhoIsNotNamed() {
        var unnamed = new ConsentStatement(
                ConsentStatus.GIVEN,
                ConsentGiver.PARENTAL_RESPONSIBILITY,
                null,
                null,
                givenByMother().scope(),
                Northshire.EARLY_HELP_FORM,
                null,
                null);

        assertThatThrownBy(() ->
                        consents.record(new PersonId(UUID.randomUUID()), unnamed, Northshire.CHILDRENS_PRACTITIONER))
                .isInstanceOf(InvalidValue.class);
    }

    @Test
    void refusesAGivenConsentWithoutItsForm() {
        var formless = new ConsentStatement(
                ConsentStatus.GIVEN,
                ConsentGiver.SUBJECT,
                null,
                null,
                givenByMother().scope(),
                null,
                null,
                null);

        assertThatThrownBy(() ->
                        consents.record(new PersonId(UUID.randomUUID()), formless, Northshire.CHILDRENS_PRACTITIONER))
                .isInstanceOf(InvalidValue.class);
    }
}
