package dev.pat4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/repos", "/api/repos/", "/ctx/api/repos/42", "/a%20b", "/caf%C3%A9", "/a-b_c~d",
            "/orgs/acme/repos", "/a:b@c"})
    void ordinaryPathsAreCanonical(String raw) {
        assertThat(CanonicalPath.isCanonicalRaw(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "//api", "/api//repos", "/api/./repos", "/api/../admin", "/api/%2e%2e/admin",
            "/api/%2E%2E/admin", "/api/.%2e/admin", "/api/%2e", "/api%2frepos", "/api%2Frepos", "/api%5crepos",
            "/api\\repos", "/api;x=1/repos", "/api/repos;jsessionid=1", "/api/repos%3bx", "/api/repos%00",
            "/api/%252e%252e/x", "/api/%zz", "/api/%2", "/api/\u00e9", "/api/a\tb", "/api/\u007f", "/."})
    void trickyPathsAreNot(String raw) {
        assertThat(CanonicalPath.isCanonicalRaw(raw)).as(raw).isFalse();
    }
}
