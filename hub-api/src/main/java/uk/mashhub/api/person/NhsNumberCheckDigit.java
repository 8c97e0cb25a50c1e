package uk.mashhub.api.person;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import uk.mashhub.ingest.person.NhsNumber;

/**
 * An NHS number whose check digit holds (modulus 11) and that is not a placeholder, checked where the request is read so that a
 * wrong number is reported with the others, by its path ({@code related[1].nhsNumber}); the ingest
 * module's {@link NhsNumber} applies the same rule again.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NhsNumberCheckDigit.Check.class)
public @interface NhsNumberCheckDigit {

    String message() default NhsNumber.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null passes (a missing number is not a wrong one). */
    class Check implements ConstraintValidator<NhsNumberCheckDigit, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || NhsNumber.isValid(value);
        }
    }
}
