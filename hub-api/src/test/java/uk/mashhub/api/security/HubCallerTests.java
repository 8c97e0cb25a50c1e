package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubScope;

class HubCallerTests {

    private static Jwt token(Object scope) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("police-case-system")
                .claim("agency", "northshire-police")
                .claim("scope", scope)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
    }

    @Test
    void readsTheAgencyAndSubjectFromTheToken() {
        var caller = HubCaller.of(token("hub.release"));

        assertThat(caller.agency()).isEqualTo(new AgencyId("northshire-police"));
        assertThat(caller.subject()).isEqualTo("police-case-system");
        assertThat(caller.actsFor(new AgencyId("northshire-police"))).isTrue();
        assertThat(caller.actsFor(new AgencyId("northshire-health"))).isFalse();
    }

    @Test
    void readsScopesWrittenAsASpaceDelimitedString() {
        assertThat(HubCaller.of(token("openid hub.release  hub.contribute")).scopes())
                .containsExactlyInAnyOrder(HubScope.RELEASE, HubScope.CONTRIBUTE);
    }

    @Test
    void readsScopesWrittenAsAnArray() {
        assertThat(HubCaller.of(token(List.of("hub.audit", "profile"))).scopes())
                .containsExactly(HubScope.AUDIT);
    }

    @Test
    void ignoresScopesTheHubDoesNotKnow() {
        assertThat(HubCaller.of(token("hub.everything admin")).scopes()).isEmpty();
    }
}
