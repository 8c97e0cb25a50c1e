package uk.mashhub.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code hub.http.max-request-body} with 413 before anything reads
 * them: at once when {@code Content-Length} says so, and as soon as a chunked body passes the
 * limit otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(RequestBodyLimit.Limits.class)
class RequestBodyLimit extends OncePerRequestFilter {

    /**
     * @param maxRequestBody the largest request body the hub reads
     * @param maxBulkBody the largest body of a bulk upload (a path ending in {@code /bulk})
     */
    @ConfigurationProperties("hub.http")
    record Limits(
            @DefaultValue("1MB") DataSize maxRequestBody,
            @DefaultValue("32MB") DataSize maxBulkBody) {}

    private final long limit;
    private final long bulkLimit;
    private final ProblemWriter problems;

    RequestBodyLimit(Limits limits, ProblemWriter problems) {
        this.limit = limits.maxRequestBody().toBytes();
        this.bulkLimit = limits.maxBulkBody().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long allowed = request.getRequestURI().endsWith("/bulk") ? bulkLimit : limit;
        if (request.getContentLengthLong() > allowed) {
            problems.write(response, ProblemResponses.tooLarge());
            return;
        }
        chain.doFilter(new Limited(request, allowed), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        Counting(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLarge {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
