package uk.mashhub.api.problem;

import java.io.IOException;

/** A request body grew past the configured limit while it was being read. */
final class RequestBodyTooLarge extends IOException {

    RequestBodyTooLarge() {
        super("request body exceeds the limit");
    }
}
