package uk.mashhub.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadFailuresTests {

    @Test
    void namesAFieldByItsPathWithDotsBetweenNamesAndBracketsForListPlaces() {
        assertThat(ReadFailures.field(List.of("subject", "givenName"))).isEqualTo("subject.givenName");
        assertThat(ReadFailures.field(List.of("related", 0, "givenName"))).isEqualTo("related[0].givenName");
        assertThat(ReadFailures.field(List.of("purposes", 2, "flows", 0, "retentionDays")))
                .isEqualTo("purposes[2].flows[0].retentionDays");
        assertThat(ReadFailures.field(List.of("parties", 1))).isEqualTo("parties[1]");
        assertThat(ReadFailures.field(List.of())).isEmpty();
    }

    @Test
    void stopsBeforeANameTheCallerChoseRatherThanRepeatIt() {
        assertThat(ReadFailures.field(List.of("fields", "Jane Doe 1999"))).isEqualTo("fields");
        assertThat(ReadFailures.field(List.of("fields", "9434765919", "nested")))
                .isEqualTo("fields");
        assertThat(ReadFailures.field(List.of("fields", "x".repeat(101)))).isEqualTo("fields");
        assertThat(ReadFailures.field(List.of("fields", "incident_type2"))).isEqualTo("fields.incident_type2");
        assertThat(ReadFailures.field(List.of("fields", "address.postcode"))).isEqualTo("fields.address.postcode");
        assertThat(ReadFailures.field(List.of("caf\u00e9"))).isEmpty();
    }
}
