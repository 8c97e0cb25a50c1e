package uk.mashhub.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uk.mashhub.audit.AuditChain;
import uk.mashhub.ingest.person.Resolution;

/**
 * Every kind of audited event is either a change a release decision depends on, or named here as
 * one that is not: a new kind of event must be placed on one side before the build passes.
 */
class ReleaseBasisTests {

    /** Events that change nothing a release decision reads (Disclosures.RELEASE_BASIS says why). */
    private static final Set<String> CHANGE_NOTHING_A_RELEASE_READS = Set.of(
            "AgencyRegistered",
            "AgreementDrafted",
            "AgreementEdited",
            "AuditChainVerified",
            "AuditLogExported",
            "AuditLogSearched",
            "AuditReadModelReconciled",
            "ChainCheckpointSigned",
            "PersonMatchRejected",
            "RecordContributed",
            "RecordReleased",
            "ReferralGathering",
            "ReferralReceived",
            "ReferralRerated",
            "ReferralTriaged",
            "ReleaseDenied",
            "ReleaseRefused",
            "SubjectAccessEntryReleased",
            "SubjectAccessEntryWithheld",
            "SubjectReportViewed");

    private static Set<String> publishedEventTypes() throws Exception {
        try (InputStream in = AuditChain.class.getResourceAsStream("/audit/disclosure-event-v1.schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            Set<String> types = new TreeSet<>();
            schema.at("/$defs/event/properties/type/enum").forEach(type -> types.add(type.asString()));
            return types;
        }
    }

    @Test
    void everyPublishedEventTypeIsEitherAChangeAReleaseDependsOnOrNamedAsNone() throws Exception {
        Set<String> published = publishedEventTypes();
        Set<String> basis = new TreeSet<>();
        Disclosures.RELEASE_BASIS.forEach(change -> basis.add(change.type()));

        assertThat(published).hasSizeGreaterThan(30);
        assertThat(basis).as("a change that is not a published event type").isSubsetOf(published);
        assertThat(basis).doesNotContainAnyElementsOf(CHANGE_NOTHING_A_RELEASE_READS);
        Set<String> placed = new TreeSet<>(basis);
        placed.addAll(CHANGE_NOTHING_A_RELEASE_READS);
        assertThat(placed).as("every event type placed on one side").isEqualTo(published);
    }

    @Test
    void countsOnlyTheLinksAPractitionerMakesUnderTheNameThePersonsModuleRecords() {
        assertThat(Disclosures.RELEASE_BASIS)
                .filteredOn(change -> change.detail() != null)
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.type()).isEqualTo("PersonLinked");
                    assertThat(change.detail()).isEqualTo("link");
                    // the value PersonLinkEvent writes for a confirmation (fails here if the kind is renamed)
                    assertThat(Resolution.LinkKind.valueOf(change.value()))
                            .isEqualTo(Resolution.LinkKind.CONFIRMED_BY_PRACTITIONER);
                });
    }
}
