package dev.pat4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.validation.TokenPrincipal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ActingUser}: a request made with a token is its owner's and never an administrator's. */
class ActingUserTest {
    private final TokenPrincipal token = new TokenPrincipal("AbCdEfGhIjKl", "alice", null,
            AzureDevOpsScopes.catalog().of("code:read"), Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void aTokensUserIsItsOwnerAndNoAdministrator() {
        ActingUser user = ActingUser.viaToken(token);
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.administrator()).isFalse();
        assertThat(user.ambient()).as("a bearer token is no ambient credential").isFalse();
        assertThat(ActingUser.signedIn("alice", true).ambient()).isTrue();
    }

    @Test
    void noTokenMakesAnAdministratorNorActsForSomeoneElse() {
        assertThatThrownBy(() -> new ActingUser("alice", true, token)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActingUser("bob", false, token)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActingUser.signedIn(" ", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
