package dev.pat4j.servlet.internal;

import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestGate;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates {@link RequestGate}'s decision into servlet terms: the chain with an authenticated
 * request, the chain untouched (anonymous or passed on), or the refusal written directly rather
 * than through {@code sendError}, so container error pages cannot change the body. Immutable;
 * thread-safe.
 */
public final class TokenGate {
    private static final Logger LOG = LoggerFactory.getLogger("dev.pat4j.servlet.Pat4jFilter");

    private final RequestGate gate;

    public TokenGate(RequestGate gate) {
        this.gate = gate;
    }

    public RequestGate gate() {
        return gate;
    }

    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Decision decision = gate.decide(new ServletRequestView(request));
        decision.log().writeTo(LOG);
        if (decision instanceof Decision.Proceed proceed) {
            proceed(request, response, chain, proceed.principal());
        } else if (decision instanceof Decision.Refuse refuse) {
            write(response, refuse);
        } else { // PassOn: the next mechanism judges the foreign credential
            chain.doFilter(request, response);
        }
    }

    private static void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                TokenPrincipal principal) throws IOException, ServletException {
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(RequestGate.PRINCIPAL_ATTRIBUTE, principal);
        chain.doFilter(new AuthenticatedRequest(request, principal, RequestGate.AUTHENTICATION_SCHEME), response);
    }

    private static void write(HttpServletResponse response, Decision.Refuse refuse) throws IOException {
        response.setStatus(refuse.status());
        for (Decision.Header header : refuse.headers()) {
            response.addHeader(header.name(), header.value());
        }
        byte[] body = refuse.body().bytes();
        response.setContentType(Decision.Body.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
