package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTests {

    private static String canonical(Object value) {
        return new String(CanonicalJson.encode(value), StandardCharsets.UTF_8);
    }

    @Test
    void sortsKeysByUtf16CodeUnitsAsRfc8785Example() {
        // RFC 8785, section 3.2.3
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("\u20ac", "Euro Sign");
        value.put("\r", "Carriage Return");
        value.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        value.put("1", "One");
        value.put("\ud83d\ude00", "Emoji: Grinning Face");
        value.put("\u0080", "Control");
        value.put("\u00f6", "Latin Small Letter O With Diaeresis");

        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(canonical(value)).isEqualTo(expected);
        // a map already sorted by natural order (as audit events keep their details) is written as it iterates
        assertThat(canonical(new java.util.TreeMap<>(value))).isEqualTo(expected);
        // one sorted otherwise is sorted again
        java.util.TreeMap<String, Object> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(value);
        assertThat(canonical(reversed)).isEqualTo(expected);
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        assertThat(canonical(List.of("quote \" backslash \\ tab \t nul \u0000 unit \u001f slash / euro \u20ac")))
                .isEqualTo("[\"quote \\\" backslash \\\\ tab \\t nul \\u0000 unit \\u001f slash / euro \u20ac\"]");
    }

    @Test
    void writesNestedValuesWithoutWhiteSpace() {
        assertThat(canonical(Map.of("b", List.of(1, true, Map.of()), "a", 9_007_199_254_740_992L)))
                .isEqualTo("{\"a\":9007199254740992,\"b\":[1,true,{}]}");
    }

    @Test
    void refusesFractionalNumbersAndIntegersAJavaScriptReaderWouldRound() {
        assertThatThrownBy(() -> CanonicalJson.encode(Map.of("x", 1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(List.of(9_007_199_254_740_993L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLoneSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.encode("broken \ud800 text"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
