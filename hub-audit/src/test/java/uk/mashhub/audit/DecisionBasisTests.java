package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionBasisTests {

    private final DecisionBasis basis = new DecisionBasis(
            10,
            List.of(
                    DecisionBasis.Change.any("ConsentWithdrawn"),
                    DecisionBasis.Change.where("PersonLinked", "link", "CONFIRMED_BY_PRACTITIONER")));

    @Test
    void isChangedOnlyByANamedEventChainedAfterIt() {
        assertThat(basis.changedBy(11, "ConsentWithdrawn", "{\"consentId\":\"c-1\"}"))
                .isTrue();
        assertThat(basis.changedBy(10, "ConsentWithdrawn", "{\"consentId\":\"c-1\"}"))
                .as("seen by the decision")
                .isFalse();
        assertThat(basis.changedBy(11, "RecordReleased", "{}")).isFalse();
    }

    @Test
    void countsAnEventOfANamedTypeWhoseDetailsSaySoOnly() {
        assertThat(basis.changedBy(
                        11, "PersonLinked", "{\"identityId\":\"psn:x\",\"link\":\"CONFIRMED_BY_PRACTITIONER\"}"))
                .isTrue();
        assertThat(basis.changedBy(11, "PersonLinked", "{\"identityId\":\"psn:x\",\"link\":\"NHS_NUMBER\"}"))
                .isFalse();
    }

    @Test
    void refusesAChangeThatNamesADetailWithoutItsValueOrOneNeedingEscapes() {
        assertThatThrownBy(() -> new DecisionBasis.Change("PersonLinked", "link", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecisionBasis.Change.where("PersonLinked", "link", "a\"b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionBasis(0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionBasis(-1, List.of(DecisionBasis.Change.any("ConsentWithdrawn"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
