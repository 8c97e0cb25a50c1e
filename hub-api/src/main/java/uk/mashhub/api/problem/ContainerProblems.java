package uk.mashhub.api.problem;

import java.io.IOException;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Tomcat refuses some requests before any servlet sees them — an encoded NUL or an undecodable
 * sequence in the path, say — and answers them with its own error report, an HTML page. This puts
 * the hub's problem document in that page's place: the same answer as the container's error
 * dispatch gives ({@link Problems#forStatus}), so a client meets one error vocabulary whichever
 * layer refused it.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ProblemWriter writer;

    ContainerProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var host = (StandardHost) context.getParent();
            // Spring Boot adds Tomcat's report (without server details), and the host would add
            // one of its own when it starts unless told otherwise: ours replaces both
            host.setErrorReportValveClass("");
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReport(writer));
        });
    }

    /** After Spring Boot's own customizer, whose report this one replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, as a problem document. */
    static final class ProblemReport extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ProblemReport.class);

        private final ProblemWriter writer;

        ProblemReport(ProblemWriter writer) {
            this.writer = writer;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // an answer already written (by the hub, or by its error dispatch) is left alone
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ProblemDetail problem = Problems.forStatus(status);
            if (status >= 500) {
                log.error(
                        "Unexpected failure {}\n{}",
                        problem.getInstance(),
                        throwable == null ? "(no exception)" : SafeLogging.describe(throwable));
            }
            try {
                response.resetBuffer();
                writer.write(response, problem);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is committed: nothing left to tell anyone
                log.debug("Could not write the problem for a refused request", e);
            }
        }
    }
}
