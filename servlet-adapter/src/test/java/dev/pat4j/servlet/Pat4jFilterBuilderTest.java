package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The builder refuses at once what would otherwise fail later or lock users out silently. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pat4jFilterBuilderTest {
    private final TestWorld world = new TestWorld();

    @AfterAll
    void close() {
        world.close();
    }

    @Test
    void scopeUnknownToTheCatalogIsRefused() {
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).require("GET", "/x", "code:reed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule GET /x requires scope 'code:reed', which the scope catalog does not declare");
    }

    @Test
    void realmMustBePrintableAscii() {
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).realm("a\r\nSet-Cookie: x=1"))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).realm("caf\u00e9")).hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).realm("")).hasMessageContaining("1 to 256");
    }

    @Test
    void retryAfterIsWholeSeconds() {
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).retryAfter(Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> Pat4jFilter.builder(world.pat4j).retryAfter(Duration.ZERO))
                .hasMessageContaining("whole seconds");
    }

    @Test
    @SuppressWarnings("removal")
    void theFormerAccessKindsStillConfigureTheUnmatchedRule() {
        Pat4jFilter filter = Pat4jFilter.builder(world.pat4j).unmatched(AccessRules.Access.DENIED).build();

        assertThat(filter.rules().requirementFor("GET", "/x").access())
                .isEqualTo(dev.pat4j.http.AccessRules.Access.DENIED);
    }

    @Test
    void builtFilterExposesItsRules() {
        Pat4jFilter filter = Pat4jFilter.builder(world.pat4j).require("POST", "/api/*", "code:write").build();

        assertThat(filter.rules().requirementFor("POST", "/api/x").scopes()).containsExactly("code:write");
    }

    @Test
    void unconfiguredFilterRefusesToWork() {
        assertThatThrownBy(() -> new Pat4jFilter().rules()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the pat4j filter was not initialized");
    }

    @Test
    void organizationResolversValidateTheirArguments() {
        assertThatThrownBy(() -> OrganizationResolver.header("X Org")).hasMessageContaining("not an HTTP header name");
        assertThatThrownBy(() -> OrganizationResolver.pathSegment(-1)).hasMessageContaining("negative");
    }
}
