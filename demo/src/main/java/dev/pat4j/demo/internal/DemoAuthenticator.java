package dev.pat4j.demo.internal;

import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.ServerAuthException;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.FormAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.util.Callback;

/**
 * The container's login of the demo: a browser signs in on a form ({@link FormAuthenticator},
 * the session then carries the login), and a request that brings Basic credentials itself (the
 * banner's {@code curl -u demo:…} line) is checked as Basic. Both against the same users.
 * Thread-safe once configured, as Jetty's authenticators are.
 */
final class DemoAuthenticator implements Authenticator {
    private final FormAuthenticator form;
    private final BasicAuthenticator basic = new BasicAuthenticator();

    DemoAuthenticator(String loginPage, String errorPage) {
        this.form = new FormAuthenticator(loginPage, errorPage, false);
    }

    @Override
    public void setConfiguration(Configuration configuration) {
        form.setConfiguration(configuration);
        basic.setConfiguration(configuration);
    }

    @Override
    public String getAuthenticationType() {
        return form.getAuthenticationType();
    }

    @Override
    public Request prepareRequest(Request request, AuthenticationState authenticationState) {
        return basicCredentials(request) ? request : form.prepareRequest(request, authenticationState);
    }

    @Override
    public Constraint.Authorization getConstraintAuthentication(String pathInContext,
            Constraint.Authorization existing, Function<Boolean, Session> getSession) {
        // the form's own paths (the login page, j_security_check) as the form authenticator sees them
        return form.getConstraintAuthentication(pathInContext, existing, getSession);
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback)
            throws ServerAuthException {
        return basicCredentials(request) ? basic.validateRequest(request, response, callback)
                : form.validateRequest(request, response, callback);
    }

    private static boolean basicCredentials(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
