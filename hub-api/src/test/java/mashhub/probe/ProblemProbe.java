package mashhub.probe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.time.LocalDate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.ProblemType;

/**
 * A test-only controller that fails in each way a real endpoint can, so that the error
 * vocabulary is tested once for all of them. It lives outside {@code uk.mashhub} so that only the
 * test that imports it ever sees it.
 */
@RestController
@RequestMapping(path = "/api/probe", produces = "application/json")
public class ProblemProbe {

    /** Carries personal data in every failure, so tests can prove none of it comes back. */
    public static final String PERSONAL_DATA = "Jane Doe 943 476 5919";

    public record Concern(
            @NotBlank String narrative,
            @NotNull @Size(min = 1, max = 3) String urgency,
            @Email String referrerEmail,
            @NotNull LocalDate dateOfBirth,
            @Min(0) @Max(10) int relatedPersons) {}

    @PostMapping(path = "/concerns", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Concern post(@Valid @RequestBody Concern concern) {
        return concern;
    }

    @GetMapping("/typed")
    int typed(@RequestParam int count) {
        return count;
    }

    @GetMapping("/header")
    String header(@RequestHeader("Idempotency-Key") String key) {
        return key;
    }

    @GetMapping("/conflict")
    void conflict() {
        throw new DataIntegrityViolationException("duplicate key (nhs_number)=(" + PERSONAL_DATA + ")");
    }

    @GetMapping("/unstorable")
    void unstorable() {
        // what the database answers to a NUL inside a JSON value it is asked to keep
        throw new DataIntegrityViolationException(
                "could not insert",
                new SQLException("ERROR: unsupported Unicode escape sequence near " + PERSONAL_DATA, "22P05"));
    }

    @GetMapping("/too-long")
    void tooLong() {
        // a value longer than its column: a check the hub lacks, not the caller's conflict
        throw new DataIntegrityViolationException(
                "could not insert",
                new SQLException("ERROR: value too long for type character varying(200) " + PERSONAL_DATA, "22001"));
    }

    @GetMapping("/rule")
    void rule() {
        throw new HubProblem(
                new ProblemType("consent-required", "Consent is required", 422),
                "The agreement's purpose requires consent and none is recorded.");
    }

    @GetMapping("/database-down")
    void databaseDown() {
        throw new CannotCreateTransactionException("Connection to db refused for " + PERSONAL_DATA);
    }

    @GetMapping("/bug")
    void bug() {
        throw new IllegalStateException("unexpected state for " + PERSONAL_DATA);
    }
}
