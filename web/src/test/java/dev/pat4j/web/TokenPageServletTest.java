package dev.pat4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The page's builder refuses what it could not put into the page safely; the page's own text is escaped. */
class TokenPageServletTest {
    @Test
    void theBuilderRefusesPathsTitlesAndScopesThatAreNotWhatTheySay() {
        for (String bad : new String[] {"manage", "/manage/", "/", "", "/a/../b", "/a b", "/a\"b", "//evil.example",
            "/a?x=1", "/a#x", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> Pat4jWeb.tokenPage(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Pat4jWeb.tokenPage("/manage").stylesheet(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Pat4jWeb.tokenPage("/manage").title(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jWeb.tokenPage("/manage").title("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jWeb.tokenPage("/manage").commonScopes("code:read", "not a scope"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Pat4jWeb.tokenPage("/app/manage").stylesheet("/theme.css").title("Acme <tokens>")
                .commonScopes("code:read").build()).isNotNull();
    }

    @Test
    void textPutIntoThePageIsEscapedForElementsAndAttributes() {
        assertThat(TokenPageServlet.html("Acme <b> & \"q\" 'a'")).isEqualTo("Acme &lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;");
    }
}
