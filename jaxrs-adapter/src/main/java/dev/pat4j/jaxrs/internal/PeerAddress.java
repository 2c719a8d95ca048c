package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.RequestView;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A client-address resolver that sees the peer address the application's function reads from
 * its container (Jakarta REST has no portable one): the view it is given answers
 * {@link RequestView#remoteAddress()} with it. Immutable; thread-safe if the function is.
 */
public final class PeerAddress {
    private PeerAddress() {
    }

    /** {@code resolver}, asked about views whose peer is what {@code peer} reads from the request. */
    public static ClientAddressResolver of(ClientAddressResolver resolver,
                                           Function<ContainerRequestContext, @Nullable String> peer) {
        return view -> resolver.clientAddress(new WithPeer(view, peer.apply(((JaxrsRequestView) view).request())));
    }

    /** {@code view} with a known peer. For one request on one thread. */
    private record WithPeer(RequestView view, @Nullable String remoteAddress) implements RequestView {
        @Override
        public String method() {
            return view.method();
        }

        @Override
        public String rawPath() {
            return view.rawPath();
        }

        @Override
        public String path() {
            return view.path();
        }

        @Override
        public List<String> headers(String name) {
            return view.headers(name);
        }
    }
}
