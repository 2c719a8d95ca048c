package dev.pat4j.demo.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConditionalHandler;

/**
 * What every Jetty of this module sets before it serves tokens (the servlet adapter's README
 * asks the same of applications): a case-sensitive header cache, since Jetty's per-connection
 * cache otherwise matches a header value case-insensitively and hands back the earlier one, so
 * a case variant of a token sent before on the same connection would arrive as the original;
 * TRACE and TRACK refused with 405 on every path, since the servlet API's default TRACE echoes
 * the request, its {@code Authorization} header included; and {@code Cache-Control: no-store}
 * on every response of the servlet context, since each is either one user's data or a
 * refusal. Stateless.
 */
final class HardenedJetty {
    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String NO_STORE = "no-store";

    private HardenedJetty() {
    }

    /** A connector on {@code host}:{@code port} (0 picks a free one) with the hardened HTTP configuration. */
    static ServerConnector connector(Server server, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** {@code application} behind the refusal of TRACE and TRACK, with 405. */
    static Handler refusingTrace(Handler application) {
        ConditionalHandler.Reject trace = new ConditionalHandler.Reject(application, HttpStatus.METHOD_NOT_ALLOWED_405);
        trace.includeMethod("TRACE", "TRACK");
        return trace;
    }

    /**
     * Marks every response of {@code context} not to be stored. Call it before adding any other
     * filter, so that this one runs first.
     */
    static void noStore(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new NoStore()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /**
     * Sets {@code Cache-Control: no-store} before the application runs and keeps it one header:
     * pat4j's refusals add their own, which then replaces it instead of repeating it.
     */
    private static final class NoStore extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            response.setHeader(CACHE_CONTROL, NO_STORE);
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void addHeader(String name, String value) {
                    if (CACHE_CONTROL.equalsIgnoreCase(name)) {
                        super.setHeader(name, value);
                    } else {
                        super.addHeader(name, value);
                    }
                }
            });
        }
    }
}
