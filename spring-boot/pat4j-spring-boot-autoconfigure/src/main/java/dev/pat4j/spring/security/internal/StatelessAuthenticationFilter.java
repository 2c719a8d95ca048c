package dev.pat4j.spring.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Spring's {@link AuthenticationFilter}, except that a token leaves the request's session as it
 * is: the filter changes the session id after every authentication (protection against session
 * fixation, for logins that store themselves in the session), which on a request that also sends
 * a session cookie would set a new cookie. A token authenticates its request only and stores
 * nothing in the session, so there is nothing to protect. Thread-safe.
 */
public final class StatelessAuthenticationFilter extends AuthenticationFilter {

    public StatelessAuthenticationFilter(AuthenticationManager manager, AuthenticationConverter converter) {
        super(manager, converter);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        super.doFilterInternal(new SessionKeepingRequest(request), response, chain);
    }

    /** The request with {@code changeSessionId()} answering the id it already has. */
    private static final class SessionKeepingRequest extends HttpServletRequestWrapper {
        SessionKeepingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String changeSessionId() {
            HttpSession session = getSession(false);
            if (session == null) {
                throw new IllegalStateException("no session"); // as the servlet specification has it
            }
            return session.getId();
        }
    }
}
