package dev.pat4j.spring.security.internal;

import dev.pat4j.http.RequestGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A token-authenticated request as the rest of the chain sees it: without its
 * {@code Authorization} header. Spring Security's Basic and bearer-token filters, which follow
 * pat4j's, would otherwise judge the token again (as a password, as a JWT) and refuse it; and
 * the application never holds the token's secret.
 */
public final class CredentialHidingRequest extends HttpServletRequestWrapper {

    public CredentialHidingRequest(HttpServletRequest request) {
        super(request);
    }

    private static boolean hidden(String name) {
        return RequestGate.AUTHORIZATION.equalsIgnoreCase(name);
    }

    @Override
    public @Nullable String getHeader(String name) {
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> all = super.getHeaderNames();
        while (all != null && all.hasMoreElements()) {
            String name = all.nextElement();
            if (!hidden(name)) {
                names.add(name);
            }
        }
        return Collections.enumeration(names);
    }
}
