package uk.mashhub.api.problem;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable type.
 *
 * <p>Details are written here, never copied from exception messages: those can carry the values a
 * caller sent (a type mismatch names the rejected value) or a database row (a constraint violation
 * names the duplicate key).
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    /** One invalid field or parameter: its name and the rule it broke, never its value. */
    record InvalidField(String field, String message) {}

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(HubProblem.class)
    ResponseEntity<ProblemDetail> hubProblem(HubProblem problem) {
        return respond(Problems.of(problem.type(), problem.safeDetail()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied() {
        return respond(Problems.of(Problems.FORBIDDEN, "Your token does not allow this request."));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException violation) {
        if (unstorable(violation)) {
            return respond(unstorableValue(violation));
        }
        if (dataException(violation)) {
            // a value too long for its column, a failed cast: a check the hub lacks, not a conflict
            return unexpected(violation);
        }
        return respond(Problems.of(Problems.CONFLICT, "The request conflicts with data the hub already holds."));
    }

    private static boolean dataException(Throwable failure) {
        @Nullable String state = sqlState(failure);
        return state != null && state.startsWith("22");
    }

    /** The SQLSTATE of the database's refusal behind {@code failure}, if it came from the database. */
    private static @Nullable String sqlState(Throwable failure) {
        SQLException sql = ReadFailures.cause(failure, SQLException.class);
        return sql == null ? null : sql.getSQLState();
    }

    /**
     * PostgreSQL's "data exception" codes for a value it cannot keep: an untranslatable character
     * or a bad Unicode escape, a byte sequence invalid in UTF-8, a malformed or overflowing date
     * or time, a number out of range. {@link StorableValues} refuses most such values as they are
     * read, naming the field; these are what reach the database anyway. Other data exceptions
     * (a value too long for its column, a failed cast) are the hub's own faults: a 500.
     */
    private static final Set<String> UNSTORABLE_VALUE = Set.of("22P05", "22021", "22007", "22008", "22003");

    private static boolean unstorable(Throwable failure) {
        @Nullable String state = sqlState(failure);
        return state != null && UNSTORABLE_VALUE.contains(state);
    }

    private static ProblemDetail unstorableValue(Throwable failure) {
        var problem = Problems.of(
                InvalidValue.TYPE,
                "A value cannot be stored: a date or time out of range, a number too large, or text holding"
                        + " the NUL character (U+0000). Nothing was kept.");
        // a 400 that got as far as the database: worth a look, in case a check is missing
        log.warn(
                "Answering 400 {}: the database refused a value as such (SQLSTATE {})\n{}",
                problem.getInstance(),
                sqlState(failure),
                SafeLogging.describe(failure));
        return problem;
    }

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class // a lock or serialisation failure, a statement timeout
    })
    ResponseEntity<ProblemDetail> unavailable(Exception failure) {
        var problem = Problems.of(
                Problems.SERVICE_UNAVAILABLE,
                "The hub's database is unreachable or busy; nothing was done. Try again shortly.");
        log.warn(
                "Answering 503 {}: the database is unreachable or busy\n{}",
                problem.getInstance(),
                SafeLogging.describe(failure));
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /** The firewall checks parameters when they are first read, inside the handler's arguments. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected() {
        return respond(Problems.of(
                Problems.INVALID_REQUEST,
                "A parameter or header holds a character the hub does not accept (such as NUL, U+0000)."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (unstorable(failure)) {
            // a data exception that reached us untranslated (not through JdbcTemplate)
            return respond(unstorableValue(failure));
        }
        var problem = Problems.of(
                Problems.INTERNAL_ERROR,
                "The hub could not complete the request. Quote the instance to the hub's operators.");
        log.error("Unexpected failure {}\n{}", problem.getInstance(), SafeLogging.describe(failure));
        return respond(problem);
    }

    /** Every exception Spring MVC itself raises (404, 405, 415, bad bodies …) ends up here. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = translate(ex, status);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private ProblemDetail translate(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case MethodArgumentNotValidException invalid -> {
                var problem = Problems.of(Problems.INVALID_REQUEST, "One or more fields are not valid; see errors.");
                problem.setProperty("errors", fieldErrors(invalid));
                yield problem;
            }
            case HandlerMethodValidationException invalid -> {
                var problem =
                        Problems.of(Problems.INVALID_REQUEST, "One or more parameters are not valid; see errors.");
                problem.setProperty("errors", parameterErrors(invalid));
                yield problem;
            }
            case HttpMessageNotReadableException unreadable when causedByOversizedBody(unreadable) -> tooLarge();
            case HttpMessageNotReadableException unreadable
            when ReadFailures.cause(unreadable, HubProblem.class) != null -> {
                HubProblem problem = ReadFailures.cause(unreadable, HubProblem.class);
                yield Problems.of(problem.type(), problem.safeDetail());
            }
            case HttpMessageNotReadableException unreadable -> malformedBody(unreadable);
            case MethodArgumentTypeMismatchException mismatch ->
                invalidParameter(mismatch.getName(), "has the wrong type or format");
            case MissingServletRequestParameterException missing ->
                invalidParameter(missing.getParameterName(), "is required");
            case MissingRequestHeaderException missing ->
                invalidParameter(missing.getHeaderName(), "header is required");
            case HttpRequestMethodNotSupportedException unsupported ->
                Problems.of(
                        Problems.METHOD_NOT_ALLOWED,
                        "This address does not support " + unsupported.getMethod()
                                + "; the Allow header lists what it does.");
            case HttpMediaTypeNotSupportedException unsupported ->
                Problems.of(
                        Problems.UNSUPPORTED_MEDIA_TYPE,
                        "Send the body as one of: " + unsupported.getSupportedMediaTypes() + ".");
            default -> byStatus(ex, status);
        };
    }

    private ProblemDetail byStatus(Exception ex, HttpStatusCode status) {
        if (status.value() == 406) {
            return Problems.of(
                    Problems.NOT_ACCEPTABLE, "The hub answers in application/json or application/problem+json.");
        }
        ProblemDetail problem = Problems.forStatus(status.value());
        if (status.is5xxServerError() && status.value() != 503) {
            log.error("Unexpected framework failure {}\n{}", problem.getInstance(), SafeLogging.describe(ex));
        }
        return problem;
    }

    static ProblemDetail tooLarge() {
        return Problems.of(Problems.PAYLOAD_TOO_LARGE, "The request body is larger than this hub accepts.");
    }

    private static ProblemDetail invalidParameter(String name, String rule) {
        var problem = Problems.of(Problems.INVALID_REQUEST, "The parameter '" + name + "' " + rule + ".");
        problem.setProperty("errors", List.of(new InvalidField(name, rule)));
        return problem;
    }

    private static List<InvalidField> fieldErrors(MethodArgumentNotValidException invalid) {
        var result = new java.util.ArrayList<InvalidField>();
        invalid.getBindingResult()
                .getFieldErrors()
                .forEach(error -> result.add(new InvalidField(
                        error.getField(),
                        // a value of the wrong type: the converter's message names Java types and echoes the value
                        error.isBindingFailure()
                                ? "has a value of the wrong type"
                                : message(error.getDefaultMessage()))));
        invalid.getBindingResult()
                .getGlobalErrors()
                .forEach(error ->
                        result.add(new InvalidField(error.getObjectName(), message(error.getDefaultMessage()))));
        return result;
    }

    private static List<InvalidField> parameterErrors(HandlerMethodValidationException invalid) {
        var result = new java.util.ArrayList<InvalidField>();
        for (ParameterValidationResult parameter : invalid.getParameterValidationResults()) {
            if (parameter instanceof ParameterErrors errors) {
                // a validated body: name each of its fields, as for MethodArgumentNotValidException
                errors.getFieldErrors()
                        .forEach(error ->
                                result.add(new InvalidField(error.getField(), message(error.getDefaultMessage()))));
                continue;
            }
            String name = parameterName(parameter);
            parameter
                    .getResolvableErrors()
                    .forEach(error -> result.add(new InvalidField(name, message(error.getDefaultMessage()))));
        }
        return result;
    }

    /** The name the caller used: a header's or parameter's own name, else the Java parameter's. */
    private static String parameterName(ParameterValidationResult parameter) {
        var header = parameter
                .getMethodParameter()
                .getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        var param = parameter
                .getMethodParameter()
                .getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        String name = parameter.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private static String message(@Nullable String message) {
        return message == null ? "is not valid" : message;
    }

    private static boolean causedByOversizedBody(Throwable failure) {
        return ReadFailures.cause(failure, RequestBodyTooLarge.class) != null;
    }

    /** A body that is not JSON, or a field of the wrong type: named by its path, never by its value. */
    private static ProblemDetail malformedBody(HttpMessageNotReadableException unreadable) {
        JacksonException jackson = ReadFailures.cause(unreadable, JacksonException.class);
        String path = jackson == null ? "" : ReadFailures.field(jackson);
        if (path.isEmpty()) {
            return Problems.of(Problems.MALFORMED_BODY, "The body is not well-formed JSON.");
        }
        var problem = Problems.of(
                Problems.MALFORMED_BODY,
                "The field '" + path + "' has the wrong type or is not one of the accepted values.");
        problem.setProperty(
                "errors",
                List.of(new InvalidField(
                        path, ReadFailures.rule(jackson, "has the wrong type or is not an accepted value"))));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
