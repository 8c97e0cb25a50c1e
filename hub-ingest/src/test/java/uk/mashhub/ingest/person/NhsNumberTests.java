package uk.mashhub.ingest.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.mashhub.kernel.InvalidValue;

/**
 * The check digits below were worked out by hand with the modulus 11 rule: weights 10 down to 2
 * over the first nine digits, check = 11 - (sum mod 11), 11 becomes 0 and 10 is never valid.
 */
class NhsNumberTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9434765919", // 299 mod 11 = 2, check 9
                "4010232137", // 92 mod 11 = 4, check 7
                "1234567881", // 208 mod 11 = 10, check 1
                "4857773457", // 312 mod 11 = 4, check 7
                "3000000003", // 30 mod 11 = 8, check 3
                "1000000028", // 14 mod 11 = 3, check 8
            })
    void acceptsTenDigitsWithTheRightCheckDigit(String valid) {
        assertThat(NhsNumber.isValid(valid)).isTrue();
        assertThat(new NhsNumber(valid).value()).isEqualTo(valid);
    }

    @Test
    void acceptsACheckDigitOfZeroWhenTheRemainderIsZero() {
        // 100000006: 10 + 12 = 22, 22 mod 11 = 0, 11 - 0 = 11 → check 0
        assertThat(NhsNumber.isValid("1000000060")).isTrue();
        assertThat(NhsNumber.isValid("1000000061")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"943 476 5919", "943-476-5919", " 943 476 5919 ", "9 4 3 4 7 6 5 9 1 9"})
    void allowsSpacesAndHyphensAndKeepsOnlyTheDigits(String formatted) {
        assertThat(new NhsNumber(formatted).value()).isEqualTo("9434765919");
        assertThat(new NhsNumber(formatted)).isEqualTo(new NhsNumber("9434765919"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"9434765910", "9434765918", "4010232136", "1234567880", "9434765991" /* last two swapped */})
    void refusesAWrongCheckDigitOrTwoSwappedDigits(String wrong) {
        assertThat(NhsNumber.isValid(wrong)).isFalse();
        assertThatThrownBy(() -> new NhsNumber(wrong)).isInstanceOf(InvalidValue.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000", "1111111111", "2222222222", "5555555555", "999 999 9999"})
    void refusesOneDigitRepeatedThoughItsCheckDigitHolds(String placeholder) {
        // 1111111111: 54 mod 11 = 10, check 1 — every such number passes modulus 11
        assertThatThrownBy(() -> new NhsNumber(placeholder))
                .isInstanceOf(InvalidValue.class)
                .hasMessageContaining("placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "1234567891", "1234567899", "1000000010", "1000000019"})
    void refusesEveryNumberWhoseCheckWouldBeTen(String remainderTen) {
        // 123456789: 210 mod 11 = 1 → 10; 100000001: 12 mod 11 = 1 → 10: no last digit can be right
        assertThat(NhsNumber.isValid(remainderTen)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "943476591", "94347659190", "09434765919", "943 476 591"})
    void refusesTheWrongNumberOfDigits(String wrongLength) {
        assertThat(NhsNumber.isValid(wrongLength)).isFalse();
        assertThatThrownBy(() -> new NhsNumber(wrongLength)).isInstanceOf(InvalidValue.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "94347659A9",
                "943476591O",
                "NHS4765919",
                "943.476.5919",
                "943\t476\t5919",
                "+434765919",
                "\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19", // full-width digits
                "\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF115", // full-width, then the ASCII digit
                "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u06619" // Arabic-Indic, then the ASCII digit
            })
    void refusesAnythingButAsciiDigits(String notDigits) {
        assertThat(NhsNumber.isValid(notDigits)).isFalse();
        assertThatThrownBy(() -> new NhsNumber(notDigits)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void refusesNothingAtAll() {
        assertThatThrownBy(() -> new NhsNumber(null)).isInstanceOf(InvalidValue.class);
    }

    @Test
    void neverEchoesTheNumberItRefuses() {
        assertThatThrownBy(() -> new NhsNumber("9434765918")).hasMessageNotContaining("9434765918");
    }
}
