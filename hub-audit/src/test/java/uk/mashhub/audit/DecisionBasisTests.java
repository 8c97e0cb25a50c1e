package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionBasisTests {

    private final DecisionBasis basis = new DecisionBasis(
                    10,
                    List.of(
                            DecisionBasis.Change.about("ConsentWithdrawn"),
                            DecisionBasis.Change.about("PersonLinked", "link", "CONFIRMED_BY_PRACTITIONER"),
                            DecisionBasis.Change.any("AgreementSuspended")),
                    Set.of())
            .about(List.of("psn:child", "referral-1"));

    @Test
    void isChangedOnlyByANamedEventChainedAfterIt() {
        assertThat(basis.changedBy(11, "ConsentWithdrawn", "{\"personId\":\"psn:child\"}"))
                .isTrue();
        assertThat(basis.changedBy(10, "ConsentWithdrawn", "{\"personId\":\"psn:child\"}"))
                .as("seen by the decision")
                .isFalse();
        assertThat(basis.changedBy(11, "RecordReleased", "{\"personId\":\"psn:child\"}"))
                .isFalse();
    }

    @Test
    void countsAChangeAboutSomeoneElseOnlyWhenItIsAnyChangeOfItsType() {
        assertThat(basis.changedBy(11, "ConsentWithdrawn", "{\"personId\":\"psn:another-child\"}"))
                .isFalse();
        assertThat(basis.changedBy(11, "ConsentWithdrawn", "{\"personId\":\"psn:childhood\"}"))
                .as("a whole value, not a prefix")
                .isFalse();
        assertThat(basis.changedBy(11, "AgreementSuspended", "{\"agreementId\":\"a-1\"}"))
                .isTrue();
    }

    @Test
    void countsAnEventOfANamedTypeWhoseDetailsSaySoOnly() {
        assertThat(basis.changedBy(
                        11,
                        "PersonLinked",
                        "{\"link\":\"CONFIRMED_BY_PRACTITIONER\",\"previousPersonId\":\"psn:child\"}"))
                .isTrue();
        assertThat(basis.changedBy(11, "PersonLinked", "{\"link\":\"NHS_NUMBER\",\"personId\":\"psn:child\"}"))
                .isFalse();
    }

    @Test
    void refusesWhatCouldNotBeFoundInCanonicalTextAsItIs() {
        assertThatThrownBy(() -> new DecisionBasis.Change("PersonLinked", "link", null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecisionBasis.Change.about("PersonLinked", "link", "a\"b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> basis.about(List.of("Jane \"Smith\""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionBasis(0, List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionBasis(-1, List.of(DecisionBasis.Change.any("ConsentWithdrawn")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
