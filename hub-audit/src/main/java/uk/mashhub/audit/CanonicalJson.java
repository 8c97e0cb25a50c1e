package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values audit events carry: objects with
 * string keys, arrays, strings, booleans, null and integers. Keys are sorted by UTF-16 code units,
 * there is no white space, and strings are escaped exactly as ECMAScript's {@code JSON.stringify}
 * does — so any JCS implementation, in any language, produces the same bytes and the same hash.
 *
 * <p>Fractional numbers are refused rather than formatted: audit events have no use for them and
 * their canonical form is where implementations disagree. Integers must be exact in an IEEE double
 * (|n| ≤ 2<sup>53</sup>), as RFC 8785 requires.
 */
final class CanonicalJson {

    private static final long MAX_EXACT = AuditEvent.MAX_INTEGER;

    private CanonicalJson() {}

    /** A value already in canonical form (from {@link #encode}), written as it is. */
    record Raw(String json) {}

    static byte[] encode(Object value) {
        StringBuilder out = new StringBuilder(1024);
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, out);
            case Boolean flag -> out.append(flag.booleanValue());
            case Integer number -> out.append(number.intValue());
            case Long number -> {
                if (Math.abs(number) > MAX_EXACT) {
                    throw new IllegalArgumentException("audit numbers must be exact in an IEEE double");
                }
                out.append(number.longValue());
            }
            case Short number -> out.append(number.intValue());
            case Map<?, ?> map -> object(map, out);
            case List<?> list -> array(list, out);
            case Enum<?> constant -> string(constant.name(), out);
            case Raw raw -> out.append(raw.json());
            default ->
                throw new IllegalArgumentException(
                        "audit events carry strings, integers, booleans, lists and maps, not "
                                + value.getClass().getSimpleName());
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out) {
        // String.compareTo compares UTF-16 code units, as RFC 8785 asks: a map sorted by the keys'
        // natural order (audit events keep theirs so) is written as it iterates, any other sorted first
        Iterable<? extends Map.Entry<?, ?>> entries;
        if (map instanceof java.util.SortedMap<?, ?> sorted && sorted.comparator() == null) {
            entries = map.entrySet();
        } else {
            List<Map.Entry<?, ?>> list = new ArrayList<>(map.entrySet());
            list.sort((a, b) -> key(a).compareTo(key(b)));
            entries = list;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(key(entry), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    private static String key(Map.Entry<?, ?> entry) {
        if (!(entry.getKey() instanceof String name)) {
            throw new IllegalArgumentException("audit event keys are strings");
        }
        return name;
    }

    private static void array(List<?> list, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(list.get(i), out);
        }
        out.append(']');
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        if (plain(text)) {
            out.append(text).append('"'); // the common case: nothing to escape, no surrogates
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !pairedAt(text, i)) {
                        throw new IllegalArgumentException("audit strings must be well-formed UTF-16");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
