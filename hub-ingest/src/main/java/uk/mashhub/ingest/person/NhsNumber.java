package uk.mashhub.ingest.person;

import uk.mashhub.kernel.InvalidValue;

/**
 * A valid NHS number: ten digits whose last is the modulus 11 check digit of the first nine
 * (weights 10 down to 2; 11 → 0; 10 → never valid), and not one digit ten times: {@code 0000000000}
 * to {@code 9999999999} pass the check digit, yet are what case systems put where the number is not
 * known — taken for a number, two children born the same day would be linked by it. Spaces and
 * hyphens are allowed on input.
 */
public record NhsNumber(String value) {

    /** What a valid number is, as a refusal says it. */
    public static final String RULE =
            "must be ten digits with a valid check digit, and not one digit repeated (a placeholder: leave an unknown number out)";

    public NhsNumber {
        if (value == null || !isValid(value)) {
            throw new InvalidValue("NHS number", RULE);
        }
        value = digits(value);
    }

    public static boolean isValid(String text) {
        String digits = digits(text);
        if (digits.length() != 10
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.chars().allMatch(c -> c == digits.charAt(0))) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    private static String digits(String text) {
        return text.replace(" ", "").replace("-", "");
    }

    @Override
    public String toString() {
        return value;
    }
}
