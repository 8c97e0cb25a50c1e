package uk.mashhub.ingest.person;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.codec.language.DoubleMetaphone;

/** How names and postcodes are compared: normalised, phonetically coded and scored for similarity. */
final class Names {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private Names() {}

    /** Upper-case ASCII letters only: accents, spaces, hyphens and apostrophes go ("O'Brien-Smith" → OBRIENSMITH). */
    static String normalise(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder letters = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128 && Character.isLetter(c)) {
                letters.append(Character.toUpperCase(c));
            }
        }
        return letters.toString();
    }

    static String phonetic(String normalisedName) {
        String code = METAPHONE.doubleMetaphone(normalisedName);
        return code == null ? "" : code;
    }

    static String postcode(String postcode) {
        return postcode.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Jaro-Winkler similarity of two normalised names, 0 to 1. */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
        boolean[] matchedA = new boolean[a.length()];
        boolean[] matchedB = new boolean[b.length()];
        int matches = 0;
        for (int i = 0; i < a.length(); i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(b.length() - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        for (int i = 0, j = 0; i < a.length(); i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / a.length() + m / b.length() + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(a.length(), b.length())) && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
