package uk.mashhub.api.web;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import uk.mashhub.kernel.HubProblem;

/**
 * One line of a GOV.UK error summary: the id of the field it is about (the summary links to it;
 * none for a problem with the whole form) and what to do about it, in the person's words.
 * Pages put a list of them in the model as {@code errors}; {@code error-summary :: summary} shows
 * them, and the layout prefixes the page title with "Error: ".
 */
public record FormError(@Nullable String field, String message) {

    /** The messages of bean validation, field by field, in the form's order of fields. */
    public static List<FormError> of(BindingResult binding) {
        return binding.getFieldErrors().stream()
                .map(error -> new FormError(
                        error.getField(),
                        // a value that could not even be converted: the converter's message names Java types
                        error.isBindingFailure() || error.getDefaultMessage() == null
                                ? "Choose one of the options shown"
                                : error.getDefaultMessage()))
                .toList();
    }

    /** A rule of the hub the whole request broke, with the hub's own safe sentence. */
    public static List<FormError> of(HubProblem problem) {
        return List.of(new FormError(null, problem.safeDetail()));
    }

    /**
     * The options ticked in a list of checkboxes. A blank value (only a forged form sends one)
     * reads as no option, not as a null in the list.
     */
    public static <E extends Enum<E>> Set<E> chosen(@Nullable List<@Nullable E> ticked) {
        if (ticked == null) {
            return Set.of();
        }
        return ticked.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /** The first message of each field, for pages that look fields up by name. */
    public static java.util.Map<String, String> byField(List<FormError> errors) {
        java.util.Map<String, String> messages = new java.util.LinkedHashMap<>();
        errors.stream()
                .filter(error -> error.field() != null)
                .forEach(error -> messages.putIfAbsent(error.field(), error.message()));
        return messages;
    }

    /** The message for one field, for the field's own error message; null when it has none. */
    public static @Nullable String messageFor(@Nullable List<FormError> errors, String field) {
        if (errors == null) {
            return null;
        }
        return errors.stream()
                .filter(error -> field.equals(error.field()))
                .map(FormError::message)
                .findFirst()
                .orElse(null);
    }
}
