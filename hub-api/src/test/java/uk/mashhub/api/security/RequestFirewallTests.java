package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class RequestFirewallTests {

    // Spring Security's StrictHttpFirewall defaults, which the loops must agree with
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void acceptsExactlyTheCharactersTheDefaultExpressionsAccept() {
        List<String> texts = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            texts.add(Character.toString(codePoint)); // every code point, surrogates alone included
        }
        texts.add("");
        texts.add("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        texts.add("application/json;\tcharset=UTF-8");
        texts.add("caf\u00e9 \uD83D\uDE00 ok");
        texts.add("ok \uD83D alone");
        texts.add("ok\u0085next");
        for (String text : texts) {
            assertThat(RequestFirewall.assignedAndNotControl(text))
                    .as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(RequestFirewall.assignedAndNotControlOrTab(text))
                    .as("value %s", text.codePoints().boxed().toList())
                    .isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void refusesAHeaderValueWithAControlCharacter() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/referrals");
        request.addHeader("X-Note", "first\u0001second");
        request.addHeader("X-Fine", "with\ta tab");

        var firewalled = RequestFirewall.firewall().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("X-Fine")).isEqualTo("with\ta tab");
        assertThatThrownBy(() -> firewalled.getHeader("X-Note")).isInstanceOf(RequestRejectedException.class);
    }
}
