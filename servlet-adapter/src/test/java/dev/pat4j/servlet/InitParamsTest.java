package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.http.AccessRules;
import dev.pat4j.http.ForeignCredentials;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The init-parameter syntax, read strictly: every mistake is an error that names its place. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitParamsTest {
    private final Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build();

    @AfterAll
    void close() {
        pat4j.close();
    }

    private Pat4jFilter configure(Map<String, String> params) {
        return InitParams.configure(params, name -> Pat4jFilter.DEFAULT_CONTEXT_ATTRIBUTE.equals(name) ? pat4j : null)
                .build();
    }

    @Test
    void rulesAcceptNewLinesSemicolonsAndSeveralScopes() {
        Pat4jFilter filter = configure(Map.of(
                "rules", "\n  GET /a/* code:read ;POST /a/*   code:write build:read\r\n\n; ;",
                "anonymous", "/health,/public/*  /status",
                "deny", "/internal/*",
                "unmatched", " denied "));

        AccessRules rules = filter.rules();
        assertThat(rules.requirementFor("GET", "/a/1").scopes()).containsExactly("code:read");
        assertThat(rules.requirementFor("POST", "/a").scopes()).containsExactly("code:write", "build:read");
        assertThat(rules.requirementFor("GET", "/status").access()).isEqualTo(AccessRules.Access.ANONYMOUS);
        assertThat(rules.requirementFor("GET", "/public/x").access()).isEqualTo(AccessRules.Access.ANONYMOUS);
        assertThat(rules.requirementFor("GET", "/internal/x").access()).isEqualTo(AccessRules.Access.DENIED);
        assertThat(rules.requirementFor("GET", "/other").access()).isEqualTo(AccessRules.Access.DENIED);
    }

    @Test
    void foreignCredentialsAreRefusedUnlessPassOnIsAskedFor() {
        assertThat(configure(Map.of()).gate().foreignCredentials()).isEqualTo(ForeignCredentials.REFUSE);
        assertThat(configure(Map.of("foreign-credentials", "pass-on")).gate().foreignCredentials())
                .isEqualTo(ForeignCredentials.PASS_ON);
    }

    @Test
    void noParametersMeanAnyValidTokenEverywhere() {
        assertThat(configure(Map.of()).rules().requirementFor("GET", "/x"))
                .isEqualTo(new AccessRules.Requirement(AccessRules.Access.AUTHENTICATED, List.of()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "rules        | GET /a                      | rule 1 'GET /a': expected METHOD PATTERN SCOPE [SCOPE...]",
            "rules        | GET /a code:read; /b /c code:x | rule 2 '/b /c code:x': HTTP method '/b'",
            "rules        | GET a code:read             | rule 1 'GET a code:read': path pattern 'a' must start with '/'",
            "rules        | GET /a code:nope            | rule 1 'GET /a code:nope': rule GET /a requires scope 'code:nope'",
            "rules        | GET /a x:y; GET /a x:y      | scope 'x:y'",
            "rules        | GET /a code:read; GET /a code:write | rule 2 'GET /a code:write': two rules for GET /a",
            "anonymous    | /a /b/                      | init-param 'anonymous' value '/b/': path pattern '/b/' must not end with '/'",
            "deny         | internal                    | init-param 'deny' value 'internal': path pattern 'internal' must start",
            "unmatched    | allow                       | init-param 'unmatched' is 'allow'; expected authenticated, anonymous or denied",
            "unmatched    | '  '                        | init-param 'unmatched' is blank",
            "organization | header                      | init-param 'organization' value 'header': expected none, header:NAME or path-segment:INDEX",
            "organization | header:X Org                | 'X Org' is not an HTTP header name",
            "organization | path-segment:-1             | path segment index '-1' is not a number",
            "organization | path-segment:one            | path segment index 'one' is not a number",
            "realm        | 'caf\u00e9'                 | init-param 'realm' value 'caf\u00e9': the realm must be printable ASCII",
            "retry-after  | 0                           | init-param 'retry-after' value '0': retryAfter must be whole seconds",
            "retry-after  | 1.5                         | init-param 'retry-after' value '1.5': expected whole seconds",
            "retry-after  | 999999                      | expected whole seconds",
            "foreign-credentials | pass | init-param 'foreign-credentials' is 'pass'; expected refuse or pass-on",
            "rule         | GET /a code:read            | unknown init-param 'rule'; known: rules, anonymous, deny",
    })
    void mistakesAreErrorsNamingTheParameter(String name, String value, String message) {
        Map<String, String> params = new HashMap<>();
        params.put(name, value);

        assertThatThrownBy(() -> configure(params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void thePat4jMustBeInTheNamedAttributeAndBeAPat4j() {
        assertThatThrownBy(() -> InitParams.configure(Map.of("pat4j-attribute", "app.pat4j"), name -> null))
                .hasMessageStartingWith("no Pat4j in ServletContext attribute 'app.pat4j'");
        assertThatThrownBy(() -> InitParams.configure(Map.of(), name -> "not a pat4j"))
                .hasMessage("ServletContext attribute 'dev.pat4j.Pat4j' holds a java.lang.String, not a dev.pat4j.Pat4j");
    }
}
