package uk.mashhub.api.referral;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import uk.mashhub.ingest.referral.ConsentPosition;

/**
 * A referral's consent position is whole: sought with its answer, or not sought with the reason
 * why and no answer. {@link ConsentPosition} holds the same rules; checked here, where the request
 * is read, each broken rule is reported with the body's other errors by the field it concerns
 * ({@code consent.answer}, {@code consent.reasonNotSought}).
 */
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsentStated.Check.class)
@interface ConsentStated {

    String message() default "is not a whole consent position";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ConsentStated, ReferralDocument.Consent> {
        @Override
        public boolean isValid(ReferralDocument.Consent consent, ConstraintValidatorContext context) {
            if (consent == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean whole = true;
            if (consent.sought() && consent.answer() == null) {
                whole = refuse(context, "answer", "is needed when consent was sought: GIVEN or REFUSED");
            }
            if (!consent.sought() && consent.answer() != null) {
                whole = refuse(context, "answer", "must be left out when consent was not sought");
            }
            if (!consent.sought()
                    && (consent.reasonNotSought() == null
                            || consent.reasonNotSought().isBlank())) {
                whole = refuse(context, "reasonNotSought", "is needed when consent was not sought");
            }
            return whole;
        }

        private static boolean refuse(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
