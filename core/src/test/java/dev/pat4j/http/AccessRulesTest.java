package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.http.AccessRules.Access;
import dev.pat4j.http.AccessRules.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessRulesTest {
    private final AccessRules rules = AccessRules.builder()
            .require("GET", "/api/repos/*", "code:read")
            .require("POST", "/api/repos/*", "code:write")
            .require("*", "/api/repos/*/admin", "code:manage")
            .require("GET", "/orgs/*/repos", "code:status")
            .require("*", "/api/*", "build:read")
            .anonymous("/health")
            .anonymous("/public/*")
            .deny("/public/secret")
            .build();

    private static Requirement needs(String... scopes) {
        return new Requirement(Access.AUTHENTICATED, List.of(scopes));
    }

    @Test
    void trailingWildcardCoversThePathAndEverythingBelow() {
        assertThat(rules.requirementFor("GET", "/api/repos")).isEqualTo(needs("code:read"));
        assertThat(rules.requirementFor("GET", "/api/repos/1/branches")).isEqualTo(needs("code:read"));
        assertThat(rules.requirementFor("GET", "/api/reposX")).isEqualTo(needs("build:read"));
    }

    @Test
    void middleWildcardIsExactlyOneSegment() {
        assertThat(rules.requirementFor("GET", "/orgs/acme/repos")).isEqualTo(needs("code:status"));
        assertThat(rules.requirementFor("GET", "/orgs/repos").access()).isEqualTo(Access.AUTHENTICATED);
        assertThat(rules.requirementFor("GET", "/orgs/repos").scopes()).isEmpty();
        assertThat(rules.requirementFor("GET", "/orgs/a/b/repos").scopes()).isEmpty();
    }

    @Test
    void mostSpecificRuleWins() {
        assertThat(rules.requirementFor("GET", "/api/repos/1/admin")).as("literal beats trailing *")
                .isEqualTo(needs("code:manage"));
        assertThat(rules.requirementFor("GET", "/api/builds")).isEqualTo(needs("build:read"));
        assertThat(rules.requirementFor("GET", "/public/secret").access()).isEqualTo(Access.DENIED);
        assertThat(rules.requirementFor("GET", "/public/other").access()).isEqualTo(Access.ANONYMOUS);
    }

    @Test
    void ruleNamingTheMethodBeatsAnyMethodRuleOnTheSamePattern() {
        AccessRules r = AccessRules.builder().require("*", "/x", "code:read").require("POST", "/x", "code:write").build();

        assertThat(r.requirementFor("POST", "/x")).isEqualTo(needs("code:write"));
        assertThat(r.requirementFor("PATCH", "/x")).isEqualTo(needs("code:read"));
    }

    @Test
    void headFollowsGetUnlessItHasItsOwnRule() {
        assertThat(rules.requirementFor("HEAD", "/api/repos")).isEqualTo(needs("code:read"));
        AccessRules r = AccessRules.builder().require("GET", "/x", "code:read").require("HEAD", "/x", "code:status").build();
        assertThat(r.requirementFor("HEAD", "/x")).isEqualTo(needs("code:status"));
    }

    @Test
    void unmatchedRequestsNeedAnyValidTokenByDefault() {
        assertThat(rules.requirementFor("GET", "/elsewhere")).isEqualTo(new Requirement(Access.AUTHENTICATED, List.of()));
        assertThat(rules.requirementFor("PUT", "/api/repos")).isEqualTo(needs("build:read"));
        assertThat(AccessRules.builder().unmatched(Access.DENIED).build().requirementFor("GET", "/x").access())
                .isEqualTo(Access.DENIED);
    }

    @Test
    void repeatedAndTrailingSlashesAreIgnored() {
        assertThat(rules.requirementFor("POST", "//api///repos/")).isEqualTo(needs("code:write"));
        assertThat(rules.requirementFor("GET", "/health/").access()).isEqualTo(Access.ANONYMOUS);
        assertThat(rules.requirementFor("GET", "").access()).as("empty path").isEqualTo(Access.DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/../health", "/health/..", "/public/./x", "/public/x;y", "/public/%2e%2e",
            "/public/a\\b", "/public/a\u0000", "/public/a\nb", "public", "/public/x\u007f"})
    void pathsThatAreNotCanonicalAreDenied(String path) {
        assertThat(rules.requirementFor("GET", path).access()).isEqualTo(Access.DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/api/", "/api//x", "/api/re*", "/api/**", "/api/../x", "/api/./x", "/a b",
            "/a;b", "/a%2e", "/a?b", "/a#b", "/a\\b"})
    void badPatternsAreRefusedAtOnce(String pattern) {
        assertThatThrownBy(() -> AccessRules.builder().anonymous(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern");
    }

    @Test
    void badRulesAreRefusedAtOnce() {
        assertThatThrownBy(() -> AccessRules.builder().require("get", "/x", "code:read"))
                .hasMessageContaining("HTTP method 'get'");
        assertThatThrownBy(() -> AccessRules.builder().require("GET", "/x")).hasMessageContaining("names no scope");
        assertThatThrownBy(() -> AccessRules.builder().require("GET", "/x", " ")).hasMessageContaining("blank scope");
        assertThatThrownBy(() -> AccessRules.builder().require("GET", "/x", "a:b").require("GET", "/x", "c:d"))
                .hasMessage("two rules for GET /x");
        assertThatThrownBy(() -> new Requirement(Access.ANONYMOUS, List.of("code:read")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
