package dev.pat4j.event;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.scope.ScopeSet;
import java.time.Instant;

/** Something that happened to a token, delivered to every {@link TokenEventListener}. Immutable values. */
public sealed interface TokenEvent {

    /** The token as it is after the event. */
    TokenInfo token();

    /** When it happened, by the injected clock. */
    Instant at();

    /** A token was created (this is when owners are told of a new token). */
    record Created(TokenInfo token, String actor, Instant at) implements TokenEvent {
    }

    /** A token's expiry moved. */
    record Extended(TokenInfo token, Instant previousExpiry, String actor, Instant at) implements TokenEvent {
    }

    /** A token's scopes changed. */
    record ScopesChanged(TokenInfo token, ScopeSet previousScopes, String actor, Instant at) implements TokenEvent {
    }

    /** A token's name changed from {@code previousName} to {@code token().name()}. */
    record Renamed(TokenInfo token, String previousName, String actor, Instant at) implements TokenEvent {
    }

    /** A token was revoked by {@code actor}. */
    record Revoked(TokenInfo token, String actor, Instant at) implements TokenEvent {
    }

    /** A token enters the notice window before its expiry; fired once per token. */
    record ExpiringSoon(TokenInfo token, Instant at) implements TokenEvent {
    }

    /** A token was found somewhere public ({@code location}) and revoked. */
    record Leaked(TokenInfo token, String location, Instant at) implements TokenEvent {
    }
}
