package dev.pat4j.web;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.web.internal.api.ManagementApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The management REST API: users list, create, rename, extend, re-scope and revoke their own
 * tokens, administrators list and revoke anyone's, over JSON, as {@code web/README.md} documents
 * route by route (and {@code GET /openapi.json} describes). Mount it under a path of its own
 * with a trailing {@code /*} (for example {@code /manage/*}); the routes are relative to it.
 *
 * <p>Who is acting comes from the {@link ActingUserResolver} (by default the container's login,
 * administrators by the role {@value ActingUserResolver#DEFAULT_ADMINISTRATOR_ROLE}). A pat4j
 * token is refused as the credential of these calls unless it holds the scope named by
 * {@link Builder#allowTokensWithScope}, except {@code GET} and {@code DELETE /tokens/self}
 * (introspection and self-revocation), which any token may call; administrators' calls always
 * need a signed-in administrator. Calls that change something are refused from other sites,
 * and with the container's session they need the session's CSRF token from {@code GET /csrf}
 * (or the container's, with {@link Builder#csrfByContainer}).
 * Every refusal is an RFC 9457 {@code application/problem+json} document with a stable
 * {@code code}. Only {@code POST /tokens}' answer holds a secret; every answer is
 * {@code Cache-Control: no-store}.
 *
 * <p>Built by {@link Pat4jWeb#managementApi(Pat4j)}; immutable and thread-safe.
 */
public final class ManagementApiServlet extends HttpServlet {
    /** The lifespan of a token created without an expiry, as Azure DevOps offers; capped by the policy's maximum. */
    public static final Duration DEFAULT_LIFESPAN = Duration.ofDays(30);
    /** The largest request body accepted by default. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    private final transient ManagementApi api;

    private ManagementApiServlet(ManagementApi api) {
        this.api = api;
    }

    static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.handle(request, response);
    }

    /** Configures the API; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final Pat4j pat4j;
        private ActingUserResolver users = ActingUserResolver.container();
        private @Nullable String tokenScope;
        private Duration defaultLifespan = DEFAULT_LIFESPAN;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private final List<String> origins = new ArrayList<>();
        private @Nullable ContainerCsrf containerCsrf;

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
        }

        /** Who is acting; default {@link ActingUserResolver#container()}. */
        public Builder actingUser(ActingUserResolver resolver) {
            this.users = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Lets a pat4j token that holds {@code scope} (for example {@code pats:manage}) call the
         * users' routes for its owner, as a script would. Without it a token can only introspect
         * and revoke itself. Tokens never reach the administrators' routes.
         */
        public Builder allowTokensWithScope(String scope) {
            if (!ScopeCatalog.isValidName(scope) || !pat4j.catalog().isDeclared(scope)) {
                throw new IllegalArgumentException("the scope must be declared in pat4j's scope catalog");
            }
            this.tokenScope = scope;
            return this;
        }

        /** The lifespan of a token created without {@code expiresAt}; default 30 days (capped by the policy). */
        public Builder defaultLifespan(Duration lifespan) {
            if (lifespan == null || lifespan.isNegative() || lifespan.isZero()) {
                throw new IllegalArgumentException("the default lifespan must be positive");
            }
            this.defaultLifespan = lifespan;
            return this;
        }

        /** The largest request body, in bytes (413 beyond); default 16 KiB. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 1 MiB");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * An origin ({@code https://host[:port]}) whose pages may make calls that change
         * something. Without any, the API's own origin as the container sees it (scheme, Host
         * header) is the only one: behind a proxy that rewrites the Host header or TLS, name
         * the public origin here.
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("an origin is scheme://host[:port]");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("an origin is scheme://host[:port], without a path");
            }
            origins.add(origin);
            return this;
        }

        /**
         * Leaves the CSRF token of calls made with the container's session or login to the
         * container's own CSRF protection (Spring Security's {@code CsrfFilter}), which must guard
         * the API's path: the API then asks for no synchronizer token of its own, {@code GET /csrf}
         * answers the container's token and header ({@code tokens}), and a call that changes
         * something on a request for which {@code tokens} finds no container token is refused
         * ({@code 403 csrfTokenInvalid}), so a path the container does not guard is not left
         * unguarded. Calls from other sites are refused as before ({@code crossSiteRequest}).
         * Default: the API's own synchronizer token, in the session.
         */
        public Builder csrfByContainer(ContainerCsrf tokens) {
            this.containerCsrf = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        public ManagementApiServlet build() {
            return new ManagementApiServlet(new ManagementApi(pat4j, users, tokenScope, defaultLifespan,
                    maxBodyBytes, origins, containerCsrf));
        }
    }
}
