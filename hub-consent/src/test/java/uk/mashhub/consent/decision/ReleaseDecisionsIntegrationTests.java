package uk.mashhub.consent.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.consent.Northshire.CHILDRENS;
import static uk.mashhub.consent.Northshire.CHILDRENS_PRACTITIONER;
import static uk.mashhub.consent.Northshire.EDUCATION;
import static uk.mashhub.consent.Northshire.HEALTH;
import static uk.mashhub.consent.Northshire.POLICE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.MutableClock;
import mashhub.testsupport.Partnership;
import mashhub.testsupport.StatementCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.consent.Northshire;
import uk.mashhub.consent.agreement.AgreementDraft;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.AgreementTerms;
import uk.mashhub.consent.agreement.SharingAgreements;
import uk.mashhub.consent.consents.ConsentGiver;
import uk.mashhub.consent.consents.ConsentScope;
import uk.mashhub.consent.consents.ConsentStatement;
import uk.mashhub.consent.consents.ConsentStatus;
import uk.mashhub.consent.consents.Consents;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ReferralId;

/** Decisions over data loaded from PostgreSQL, the way the release API will ask for them. */
@ConsentIntegrationTest
class ReleaseDecisionsIntegrationTests {

    private final ReleaseDecisions decisions;
    private final SharingAgreements agreements;
    private final Consents consents;
    private final JdbcClient jdbc;
    private final StatementCounter statements;
    private final MutableClock clock;
    private AgreementRef agreement;

    ReleaseDecisionsIntegrationTests(
            @Autowired ReleaseDecisions decisions,
            @Autowired SharingAgreements agreements,
            @Autowired Consents consents,
            @Autowired JdbcClient jdbc,
            @Autowired StatementCounter statements,
            @Autowired MutableClock clock) {
        this.decisions = decisions;
        this.agreements = agreements;
        this.consents = consents;
        this.jdbc = jdbc;
        this.statements = statements;
        this.clock = clock;
    }

    @BeforeEach
    void theNorthshireAgreementInForce() {
        clock.set(Northshire.activeAgreement().draftedAt().plusSeconds(86_400L * 400));
        Partnership.register(jdbc);
        // other tests in this JVM leave agreements in force; these tests are about exactly one
        jdbc.sql("UPDATE consent.agreement_version SET status = 'TERMINATED' WHERE status IN ('ACTIVE', 'SUSPENDED')")
                .update();
        AgreementTerms terms = Northshire.terms(true);
        var draft = new AgreementDraft(
                terms.title() + " " + UUID.randomUUID(),
                List.of(POLICE, CHILDRENS, HEALTH, EDUCATION),
                terms.validFrom(),
                terms.validUntil(),
                terms.reviewDate(),
                terms.purposes());
        var version = agreements.draft(draft, new Actor(CHILDRENS, "iris.governance"));
        for (AgencyId party : List.of(POLICE, CHILDRENS, HEALTH, EDUCATION)) {
            agreements.sign(
                    version.ref(),
                    new SharingAgreements.Signing("Officer", "Director", null, null),
                    new Actor(party, "ig"));
        }
        agreements.activate(version.ref(), new Actor(CHILDRENS, "iris.governance"));
        agreement = version.ref();
    }

    private static ReleaseRequest attendanceOf(PersonId child, ReferralId referral) {
        return new ReleaseRequest(
                CHILDRENS_PRACTITIONER,
                Northshire.EARLY_HELP,
                new ReferralFacts(referral, true, Set.of(child)),
                new RecordFacts(
                        UUID.randomUUID(),
                        EDUCATION,
                        child,
                        DataCategory.EDUCATION_ATTENDANCE,
                        List.of("school", "attendancePercent", "term"),
                        Set.of()));
    }

    private void consentFor(PersonId child) {
        consents.record(
                child,
                new ConsentStatement(
                        ConsentStatus.GIVEN,
                        ConsentGiver.SUBJECT,
                        null,
                        null,
                        new ConsentScope(
                                Set.of(Northshire.EARLY_HELP),
                                true,
                                Set.of(),
                                Set.of(DataCategory.EDUCATION_ATTENDANCE)),
                        Northshire.EARLY_HELP_FORM,
                        null,
                        null),
                CHILDRENS_PRACTITIONER);
    }

    @Test
    void permitsWhereConsentIsRecordedAndDeniesWhereItIsNot() {
        PersonId consenting = new PersonId(UUID.randomUUID());
        PersonId silent = new PersonId(UUID.randomUUID());
        consentFor(consenting);

        List<ReleaseDecision> answers = decisions.decide(List.of(
                attendanceOf(consenting, new ReferralId(UUID.randomUUID())),
                attendanceOf(silent, new ReferralId(UUID.randomUUID()))));

        assertThat(answers.get(0).permitted()).isTrue();
        assertThat(answers.get(0).releasedFields()).containsExactly("attendancePercent", "term");
        assertThat(answers.get(0).agreement()).isEqualTo(agreement);
        assertThat(answers.get(1).codes()).containsExactly(DenialCode.CONSENT_MISSING);
    }

    @Test
    void aBatchCostsThreeQueriesWhateverItsSize() {
        List<ReleaseRequest> one =
                List.of(attendanceOf(new PersonId(UUID.randomUUID()), new ReferralId(UUID.randomUUID())));
        List<ReleaseRequest> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            PersonId child = new PersonId(UUID.randomUUID());
            if (i % 2 == 0) {
                consentFor(child);
            }
            many.add(attendanceOf(child, new ReferralId(UUID.randomUUID())));
        }

        long forOne = statements.countDuring(() -> decisions.decide(one));
        long forMany = statements.countDuring(() -> assertThat(decisions.decide(many))
                .filteredOn(ReleaseDecision::permitted)
                .hasSize(125));

        assertThat(forOne).isEqualTo(3);
        assertThat(forMany).isEqualTo(3);
    }

    @Test
    void aSuspendedAgreementPermitsNothing() {
        PersonId child = new PersonId(UUID.randomUUID());
        consentFor(child);
        agreements.suspend(agreement, "Breach investigation", new Actor(HEALTH, "gwen.guardian"));

        ReleaseDecision answer = decisions
                .decide(List.of(attendanceOf(child, new ReferralId(UUID.randomUUID()))))
                .getFirst();

        assertThat(answer.codes()).contains(DenialCode.AGREEMENT_SUSPENDED);
    }
}
