package uk.mashhub.api.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.ingest.referral.ConcernCategory;

class ReferralDocumentTests {

    @Test
    void keepsItsConcernsInTheVocabularysOrderSoThatARetryHashesAlikeOnEveryInstance() {
        // read into a hash set, enum values iterate in an order that differs from JVM to JVM: a
        // retry after a restart or on another instance would hash differently and meet a 422
        String reversed = ReferralApiIntegrationTests.referral("pupil-order")
                .replace(
                        "[\"NEGLECT\", \"SCHOOL_ATTENDANCE\"]",
                        "[\"HOUSING_CONDITIONS\", \"SCHOOL_ATTENDANCE\", \"SELF_HARM\", \"ONLINE_HARM\","
                                + " \"MISSING_FROM_HOME\", \"DOMESTIC_ABUSE\", \"NEGLECT\"]");
        ReferralDocument document = JsonMapper.builder().build().readValue(reversed, ReferralDocument.class);

        assertThat(document.concerns())
                .containsExactly(
                        ConcernCategory.NEGLECT,
                        ConcernCategory.DOMESTIC_ABUSE,
                        ConcernCategory.MISSING_FROM_HOME,
                        ConcernCategory.ONLINE_HARM,
                        ConcernCategory.SELF_HARM,
                        ConcernCategory.SCHOOL_ATTENDANCE,
                        ConcernCategory.HOUSING_CONDITIONS);
        assertThat(ReferralSubmissions.hash(document))
                .isEqualTo(ReferralSubmissions.hash(JsonMapper.builder()
                        .build()
                        .readValue(
                                reversed.replace("\"SELF_HARM\", \"ONLINE_HARM\"", "\"ONLINE_HARM\", \"SELF_HARM\""),
                                ReferralDocument.class)));
    }
}
