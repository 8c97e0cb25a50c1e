package uk.mashhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class RequestFirewallTests {

    private final StrictHttpFirewall ours = RequestFirewall.firewall();
    private final StrictHttpFirewall springDefault = new StrictHttpFirewall();

    @Test
    void acceptsExactlyTheHeadersAndParameterNamesSpringSecuritysDefaultFirewallAccepts() {
        List<String> texts = new ArrayList<>();
        // every code point of the basic plane (surrogates alone included), every 16th beyond it
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint += codePoint < 0x10000 ? 1 : 16) {
            texts.add("a" + Character.toString(codePoint));
        }
        texts.add("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        texts.add("application/json;\tcharset=UTF-8");
        texts.add("caf\u00e9 \uD83D\uDE00 ok");
        texts.add("ok \uD83D alone");
        texts.add("ok\u0085next");
        for (String text : texts) {
            assertThat(headerValueAccepted(ours, text))
                    .as("value %s", text.codePoints().boxed().toList())
                    .isEqualTo(headerValueAccepted(springDefault, text));
            assertThat(headerNameAccepted(ours, text))
                    .as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(headerNameAccepted(springDefault, text));
            assertThat(parameterNameAccepted(ours, text))
                    .as("parameter %s", text.codePoints().boxed().toList())
                    .isEqualTo(parameterNameAccepted(springDefault, text));
        }
    }

    @Test
    void refusesAHeaderValueWithAControlCharacterButNotATab() {
        assertThat(headerValueAccepted(ours, "with\ta tab")).isTrue();
        assertThat(headerValueAccepted(ours, "first\u0001second")).isFalse();
        assertThat(headerNameAccepted(ours, "X-Note\u007f")).isFalse();
        assertThat(parameterNameAccepted(ours, "page\u0000")).isFalse();
    }

    @Test
    void refusesAParameterValueWithTheNulCharacterButNotOtherText() {
        assertThat(parameterValueAccepted(ours, "RECEIVED\u0000")).isFalse();
        assertThat(parameterValueAccepted(ours, "line one\r\nline two\tand a tab, caf\u00e9"))
                .isTrue();
        assertThat(parameterValueAccepted(ours, "")).isTrue();
    }

    private static boolean parameterValueAccepted(StrictHttpFirewall firewall, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/referrals/new");
        request.addParameter("narrative", value);
        HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
        return accepted(() -> firewalled.getParameter("narrative"));
    }

    private static boolean headerValueAccepted(StrictHttpFirewall firewall, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/referrals");
        request.addHeader("X-Note", value);
        HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
        return accepted(() -> firewalled.getHeader("X-Note"));
    }

    private static boolean headerNameAccepted(StrictHttpFirewall firewall, String name) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/referrals");
        request.addHeader(name, "value");
        HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
        return accepted(() -> firewalled.getHeaderNames().asIterator().forEachRemaining(each -> {}));
    }

    private static boolean parameterNameAccepted(StrictHttpFirewall firewall, String name) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/referrals");
        request.addParameter(name, "value");
        HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
        return accepted(() -> firewalled.getParameterMap());
    }

    private static boolean accepted(Runnable read) {
        try {
            read.run();
            return true;
        } catch (RequestRejectedException refused) {
            return false;
        }
    }
}
