package uk.mashhub.api.person;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import uk.mashhub.ingest.person.Demographics;

/**
 * A date of birth no earlier than the ingest module accepts ({@link
 * Demographics#EARLIEST_DATE_OF_BIRTH}), checked where the request is read so that it is reported
 * with the body's other errors, by its path ({@code related[0].dateOfBirth}).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BornSince1900.Check.class)
public @interface BornSince1900 {

    String message() default "must be on or after 1900-01-01";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null passes (a missing date is reported as missing). */
    class Check implements ConstraintValidator<BornSince1900, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(Demographics.EARLIEST_DATE_OF_BIRTH);
        }
    }
}
