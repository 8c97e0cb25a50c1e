package uk.mashhub.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.mashhub.api.Callers.token;

import java.util.List;
import mashhub.testsupport.Http;
import uk.mashhub.kernel.HubScope;

/** Agreement drafts the browser tests start from, drafted through the API. */
final class DraftAgreements {

    private DraftAgreements() {}

    /** Drafts an agreement between {@code parties} as the first of them; answers its API path. */
    static String drafted(Http http, String title, List<String> parties) {
        String document = """
                {
                  "title": "%s",
                  "parties": [%s],
                  "validFrom": "2026-01-01", "validUntil": "2030-12-31", "reviewDate": "2027-12-01",
                  "purposes": [{
                    "code": "SAFEGUARDING_CHILDREN",
                    "lawfulBasis": "ART_6_1_E_PUBLIC_TASK",
                    "specialCategoryCondition": "ART_9_2_G_SAFEGUARDING_SCH1_PARA_18",
                    "gateways": ["Children Act 1989 s47", "Children Act 2004 s11"],
                    "consentMode": "NOT_REQUIRED",
                    "overrideAllowed": true,
                    "flows": [{
                      "provider": {"agency": "%s"},
                      "recipient": {"agency": "%s"},
                      "category": "POLICE_INCIDENTS",
                      "permittedFields": ["incidentDate", "incidentType", "summary"],
                      "specialCategoryAllowed": true,
                      "retentionDays": 365
                    }]
                  }]
                }""".formatted(
                title,
                String.join(", ", parties.stream().map(p -> "\"" + p + "\"").toList()),
                parties.get(0),
                parties.get(1));
        var response = http.send(
                "POST", "/api/agreements", token(parties.get(0), HubScope.GOVERN), "application/json", document);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }
}
