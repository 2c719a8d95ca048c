package dev.pat4j.lifecycle;

/**
 * Who performs a management call: a user acting on their own tokens, or an administrator
 * acting on anyone's. The application authenticates the actor; pat4j records it and refuses a
 * user who acts on another user's token.
 * Immutable.
 */
public record Actor(String name, boolean administrator) {
    public Actor {
        Names.requireText("actor", name, Names.MAX_NAME);
    }

    /** A user who may act only on their own tokens. */
    public static Actor user(String name) {
        return new Actor(name, false);
    }

    /** An administrator who may act on any token. */
    public static Actor administrator(String name) {
        return new Actor(name, true);
    }

    /** Whether this actor may manage a token owned by {@code owner}. */
    public boolean mayManage(String owner) {
        return administrator || name.equals(owner);
    }
}
