package dev.pat4j.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.web.TokenPageServlet;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The self-service page in a real browser over WebDriver, against Jetty with the container's
 * form login, the management API and a service behind pat4j's filter: the whole flow (sign in,
 * create with custom scopes, copy, listed, used over HTTP, edited, extended, revoked through the
 * dialog, refused), isolation between users, the administrators' view, hostile names shown as
 * text; then axe-core on every state, screenshots, and the same flow with the keyboard alone.
 */
class TokenPageTest {
    static final Duration MAX_LIFESPAN = Duration.ofDays(90);
    static final String XSS = "<img src=x onerror=alert(1)>";
    static final Path SCREENSHOTS = Path.of("target", "page-screenshots");

    ShiftedClock clock;
    Pat4j pat4j;
    PageServer server;
    final HttpClient http = HttpClient.newHttpClient();
    final List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = new ShiftedClock();
        ScopeCatalog catalog = ScopeCatalog.builder()
                .scope(new ScopeDefinition("code:read", "Read code", "Code", false, Set.of()))
                .scope(new ScopeDefinition("code:write", "Read and write code", "Code", false, Set.of("code:read")))
                .scope(new ScopeDefinition("code:manage", "Read, write and manage code", "Code", true,
                        Set.of("code:write")))
                .scope(new ScopeDefinition("build:read", "Read builds", "Build", false, Set.of()))
                .scope(new ScopeDefinition("build:execute", "Read and queue builds", "Build", false,
                        Set.of("build:read")))
                .scope(new ScopeDefinition("packaging:read", "Read packages", "Packaging", false, Set.of()))
                .scope(new ScopeDefinition("packaging:write", "Read and write packages", "Packaging", false,
                        Set.of("packaging:read")))
                .scope(new ScopeDefinition("workitems:read", "Read work items", "Work Items", false, Set.of()))
                .scope(new ScopeDefinition("tokens:manage", "Manage personal access tokens", null, true, Set.of()))
                .build();
        pat4j = Pat4j.builder().store(new InMemoryTokenStore()).scopes(catalog).clock(clock)
                .policy(TokenPolicy.builder().maxLifespan(MAX_LIFESPAN).allowFullAccess(true).build())
                // users act in acme and globex only; the administrator everywhere
                .owners(owner -> owner.equals("root") ? OwnerRights.everything()
                        : OwnerRights.everything().withOrganizations("acme", "globex"))
                .build();
        server = PageServer.start(pat4j, "code:read", "code:write", "build:read", "build:execute");
    }

    @AfterEach
    void stop() {
        try {
            for (Browser b : browsers) {
                b.close();
            }
        } finally {
            server.close();
            pat4j.close();
        }
    }

    Browser open(String which) {
        Browser b = switch (which) {
            case "chromium" -> Browser.chromium();
            case "htmlunit" -> Browser.htmlUnit();
            default -> Browser.best();
        };
        browsers.add(b);
        return b;
    }

    // ---- the whole flow -------------------------------------------------------------------------

    @ParameterizedTest(name = "the whole flow on {0}")
    @ValueSource(strings = {"chromium", "htmlunit"})
    void aUserCreatesCopiesUsesEditsExtendsAndRevokesATokenAndAnAdministratorRevokesAnothers(String which)
            throws Exception {
        Browser b = open(which);
        signIn(b, "alice");
        assertThat(b.find("#p-user-name").getText()).isEqualTo("alice");
        assertThat(b.visible("#p-tabs")).as("no administrators' view for a user").isFalse();
        assertThat(b.find("#p-list .p-empty").getText()).contains("You have no active tokens");

        // New token: the form as the policy and the catalog shape it
        b.find("#p-new").click();
        awaitDialog(b, "Create a new personal access token");
        Select org = new Select(b.find("#p-dialog select[id^=org]"));
        assertThat(org.getOptions()).extracting(WebElement::getText).containsExactly("acme", "globex")
                .as("alice may not hold all-organization tokens").doesNotContain("All accessible organizations");
        Select expiry = new Select(b.find("#p-dialog select[id^=expiry]"));
        assertThat(expiry.getFirstSelectedOption().getText()).startsWith("30 days");
        assertThat(expiry.getOptions()).extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("60 days")).anyMatch(t -> t.startsWith("90 days"))
                .anyMatch(t -> t.startsWith("Custom"));
        assertThat(b.find("#p-dialog input[value=custom]").isSelected()).as("Custom defined by default").isTrue();
        assertThat(b.visible("#p-dialog input[value=full]")).as("the policy allows full access").isTrue();
        assertThat(scopeVisible(b, "code:write")).isTrue();
        assertThat(scopeVisible(b, "packaging:read")).as("behind Show all scopes").isFalse();
        b.find("#p-dialog .p-toggle").click();
        assertThat(scopeVisible(b, "packaging:read")).isTrue();
        assertThat(b.find("#p-dialog .p-toggle").getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(b.findAll("#p-dialog .p-group legend")).extracting(WebElement::getText)
                .startsWith("Build", "Code").contains("Packaging", "Work Items", "Other");

        type(b.find("#p-dialog input[name=name]"), "ci pipeline");
        scope(b, "code:write").click();
        WebElement read = scope(b, "code:read");
        assertThat(read.isSelected()).as("code:write includes code:read").isTrue();
        assertThat(read.isEnabled()).isFalse();
        assertThat(b.find("#" + read.getAttribute("id") + "-implied").getText())
                .isEqualTo("Included in Read and write code");
        submitDialog(b);

        // Created: the secret once, focused, with Copy
        awaitDialog(b, "Your new token is ready");
        WebElement secret = b.find("#p-dialog input[readonly]");
        String token = secret.getDomProperty("value");
        assertThat(token).startsWith("pat_").hasSize(54);
        assertThat(b.focused().getAttribute("id")).isEqualTo(secret.getAttribute("id"));
        assertThat(b.find("#p-dialog").getText()).contains("will not be shown again");
        button(b, "#p-dialog", "Copy").click();
        String copied = b.await("the copy message", d -> {
            String t = b.find("#p-dialog .p-copied").getText();
            return t.isEmpty() ? null : t;
        });
        if (b.chromium) {
            assertThat(copied).isEqualTo("Copied to the clipboard.");
        }
        assertThat(b.find("#p-dialog .p-copied").getAttribute("aria-live")).isEqualTo("polite");
        button(b, "#p-dialog", "Done").click();
        awaitNoDialog(b);
        assertThat(b.driver.getPageSource()).as("closing forgets the secret").doesNotContain(token);

        // Listed
        WebElement row = awaitRow(b, "ci pipeline");
        assertThat(cells(row)).containsSubsequence("Active", "acme", "code:write").contains("Never");
        String id = row.getAttribute("data-token-id");

        // Used over HTTP
        assertThat(service(token).statusCode()).isEqualTo(200);
        assertThat(service(token).body()).isEqualTo("hello alice\n");

        // Edit: the scopes become code:read and packaging:read
        assertThat(rowActions(row)).containsExactly("Edit ci pipeline", "Extend ci pipeline", "Revoke ci pipeline");
        rowButton(row, "Edit").click();
        awaitDialog(b, "Edit ci pipeline");
        assertThat(scope(b, "code:write").isSelected()).isTrue();
        scope(b, "code:write").click();
        scope(b, "code:read").click();
        b.find("#p-dialog .p-toggle").click();
        scope(b, "packaging:read").click();
        submitDialog(b);
        awaitNoDialog(b);
        b.await("the new scopes listed", d -> cells(awaitRow(b, "ci pipeline")).contains("code:read packaging:read")
                ? true : null);
        assertThat(pat4j.tokens().get(id).orElseThrow().scopes().minimal())
                .containsExactlyInAnyOrder("code:read", "packaging:read");
        assertThat(service(token).statusCode()).isEqualTo(200);

        // Extend by 90 days
        Instant before = pat4j.tokens().get(id).orElseThrow().expiresAt();
        rowButton(awaitRow(b, "ci pipeline"), "Extend").click();
        awaitDialog(b, "Extend ci pipeline");
        new Select(b.find("#p-dialog select")).selectByValue("90");
        submitDialog(b);
        awaitNoDialog(b);
        b.await("the token extended", d -> pat4j.tokens().get(id).orElseThrow().expiresAt().isAfter(before)
                ? true : null);
        assertThat(pat4j.tokens().get(id).orElseThrow().expiresAt())
                .isAfter(Instant.now().plus(Duration.ofDays(89)));

        // Revoke through the dialog
        rowButton(awaitRow(b, "ci pipeline"), "Revoke").click();
        awaitDialog(b, "Revoke ci pipeline?");
        assertThat(b.find("#p-dialog").getText()).contains("ci pipeline").contains("will stop working");
        submitDialog(b);
        awaitNoDialog(b);
        b.await("the row gone from the active tokens", d -> rowNamed(b, "ci pipeline") == null ? true : null);
        assertThat(service(token).statusCode()).as("refused once revoked").isEqualTo(401);
        new Select(b.find("#p-filter")).selectByValue("revoked");
        assertThat(cells(awaitRow(b, "ci pipeline"))).contains("Revoked");
        assertThat(rowActions(awaitRow(b, "ci pipeline"))).isEmpty();
        new Select(b.find("#p-filter")).selectByValue("active");

        // A hostile name is text, and runs nothing
        b.find("#p-new").click();
        awaitDialog(b, "Create a new personal access token");
        type(b.find("#p-dialog input[name=name]"), XSS);
        scope(b, "code:read").click();
        submitDialog(b);
        awaitDialog(b, "Your new token is ready");
        String second = b.find("#p-dialog input[readonly]").getDomProperty("value");
        assertThat(b.find("#p-dialog strong").getText()).isEqualTo(XSS);
        button(b, "#p-dialog", "Done").click();
        awaitNoDialog(b);
        WebElement hostile = awaitRow(b, XSS);
        assertThat(hostile.findElement(By.cssSelector(".p-token-name")).getText()).isEqualTo(XSS);
        assertThat(b.findAll("#pat4j img")).as("no element made from the name").isEmpty();
        assertThatThrownBy(() -> b.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(rowActions(hostile)).contains("Revoke " + XSS);

        // Another user sees none of it; the list pages by 20
        for (int i = 0; i < 22; i++) {
            issue("bob", String.format("bob %02d", i), "code:read");
        }
        IssuedToken bobs = issue("bob", "bob's build", "code:read");
        assertThat(service(bobs.token()).statusCode()).isEqualTo(200);
        b.driver.manage().deleteAllCookies();
        signIn(b, "bob");
        b.await("bob's first page", d -> b.findAll("#p-list tbody tr").size() == 20 ? true : null);
        assertThat(b.visible("#p-more")).isTrue();
        b.find("#p-more").click();
        b.await("bob's second page", d -> b.findAll("#p-list tbody tr").size() == 23 ? true : null);
        assertThat(b.visible("#p-more")).isFalse();
        assertThat(b.driver.getPageSource()).doesNotContain("ci pipeline").doesNotContain("onerror")
                .doesNotContain(id);

        // The administrator revokes one of alice's tokens and all of bob's
        b.driver.manage().deleteAllCookies();
        signIn(b, "root");
        assertThat(b.visible("#p-tabs")).isTrue();
        b.find("#p-tab-admin").click();
        type(b.find("#p-owner"), "alice");
        b.find("#p-admin-search").click();
        WebElement alices = b.await("alice's tokens", d -> rowIn(b, "#p-admin-list", XSS));
        assertThat(rowIn(b, "#p-admin-list", "ci pipeline")).as("only active ones by default").isNull();
        assertThat(rowActions(alices)).containsExactly("Revoke " + XSS);
        rowButton(alices, "Revoke").click();
        awaitDialog(b, "Revoke " + XSS + "?");
        assertThat(b.find("#p-dialog").getText()).contains("will stop working").contains("a token of alice");
        submitDialog(b);
        awaitNoDialog(b);
        b.await("alice has no active token", d -> b.visible("#p-admin-list .p-empty") ? true : null);
        assertThat(service(second).statusCode()).isEqualTo(401);

        b.find("#p-owner").clear();
        type(b.find("#p-owner"), "bob");
        b.find("#p-admin-search").click();
        b.await("bob's tokens", d -> b.findAll("#p-admin-list tbody tr").size() == 20 ? true : null);
        assertThat(b.find("#p-revoke-all").getText()).isEqualTo("Revoke all tokens of bob");
        b.find("#p-revoke-all").click();
        awaitDialog(b, "Revoke all tokens of bob?");
        assertThat(b.find("#p-dialog").getText()).contains("will stop working");
        submitDialog(b);
        awaitNoDialog(b);
        b.await("bob has no active token", d -> b.visible("#p-admin-list .p-empty") ? true : null);
        assertThat(b.find("#p-status").getText()).isEqualTo("Revoked 23 tokens of bob.");
        assertThat(pat4j.tokens().list(TokenQuery.of("bob").withLimit(100)).tokens())
                .allMatch(t -> t.state() == TokenState.REVOKED);
        assertThat(service(bobs.token()).statusCode()).isEqualTo(401);
    }

    // ---- accessibility and screenshots (Chromium) -------------------------------------------------

    @Test
    void everyStateHasNoSeriousOrCriticalAccessibilityViolationAndIsPhotographed() throws Exception {
        Browser b = open("chromium");
        Files.createDirectories(SCREENSHOTS);
        // a list worth looking at: one made weeks ago, one used, one expiring within the week, one expired
        clock.shift(Duration.ofDays(-45));
        issue("alice", "old laptop", "code:read", Duration.ofDays(30));
        clock.shift(Duration.ofDays(-20));
        IssuedToken deploy = issue("alice", "deploy bot", "build:execute", Duration.ofDays(25));
        issue("alice", "release pipeline", "packaging:write", Duration.ofDays(80), "code:read");
        clock.shift(Duration.ZERO);
        service(deploy.token());

        signIn(b, "alice");
        awaitRow(b, "release pipeline");
        check(b, "list");

        b.find("#p-new").click();
        awaitDialog(b, "Create a new personal access token");
        type(b.find("#p-dialog input[name=name]"), "ci pipeline");
        scope(b, "code:write").click();
        scope(b, "build:read").click();
        check(b, "new-token");
        submitDialog(b);
        awaitDialog(b, "Your new token is ready");
        button(b, "#p-dialog", "Copy").click();
        b.await("copied", d -> b.find("#p-dialog .p-copied").getText().isEmpty() ? null : true);
        check(b, "created");
        button(b, "#p-dialog", "Done").click();
        awaitNoDialog(b);

        rowButton(awaitRow(b, "ci pipeline"), "Edit").click();
        awaitDialog(b, "Edit ci pipeline");
        check(b, "edit");
        b.press(Keys.ESCAPE);
        awaitNoDialog(b);
        rowButton(awaitRow(b, "ci pipeline"), "Extend").click();
        awaitDialog(b, "Extend ci pipeline");
        check(b, "extend");
        b.press(Keys.ESCAPE);
        awaitNoDialog(b);
        rowButton(awaitRow(b, "ci pipeline"), "Revoke").click();
        awaitDialog(b, "Revoke ci pipeline?");
        check(b, "revoke-dialog");
        b.press(Keys.ESCAPE);
        awaitNoDialog(b);

        new Select(b.find("#p-filter")).selectByValue("revoked");
        b.await("the empty state", d -> b.visible("#p-list .p-empty") ? true : null);
        check(b, "empty");

        b.driver.manage().deleteAllCookies();
        signIn(b, "root");
        b.find("#p-tab-admin").click();
        type(b.find("#p-owner"), "alice");
        b.find("#p-admin-search").click();
        b.await("alice's tokens", d -> rowIn(b, "#p-admin-list", "ci pipeline"));
        check(b, "admin");
        b.find("#p-revoke-all").click();
        awaitDialog(b, "Revoke all tokens of alice?");
        check(b, "admin-revoke-all");
    }

    /** axe-core on the page as it is now: no serious or critical violation; and a screenshot of it. */
    private void check(Browser b, String state) throws IOException {
        Files.write(SCREENSHOTS.resolve(state + ".png"), ((TakesScreenshot) b.driver).getScreenshotAs(OutputType.BYTES));
        Results results = new AxeBuilder().analyze(b.driver);
        assertThat(results.getErrorMessage()).as("axe ran on " + state).isNull();
        List<String> bad = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                bad.add(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
            }
        }
        System.out.println("TokenPage: axe on " + state + ": " + results.getPasses().size() + " rules passed, "
                + results.getViolations().size() + " violated" + (results.getViolations().isEmpty() ? "" : " ("
                + results.getViolations().stream().map(r -> r.getImpact() + " " + r.getId())
                .collect(Collectors.joining(", ")) + ")"));
        assertThat(bad).as("serious or critical accessibility violations in state " + state).isEmpty();
    }

    // ---- the keyboard alone (Chromium) ------------------------------------------------------------

    @Test
    void theWholeFlowWorksWithTheKeyboardAlone() throws Exception {
        Browser b = open("chromium");
        b.driver.get(server.base() + PageServer.PAGE + "/");
        b.await("the login form", d -> b.visible("#user") ? true : null);
        b.tabTo(e -> "user".equals(e.getAttribute("id")), false);
        b.press("alice");
        b.press(Keys.TAB);
        b.press(PageServer.USERS[0][1]);
        b.press(Keys.ENTER);
        awaitReady(b);

        b.tabTo(e -> "p-new".equals(e.getAttribute("id")), false);
        b.press(Keys.ENTER);
        awaitDialog(b, "Create a new personal access token");
        assertThat(b.focused().getAttribute("name")).as("focus on the name").isEqualTo("name");
        b.press("keyboard token");
        b.tabTo(e -> "code:write".equals(e.getAttribute("value")), false);
        b.press(Keys.SPACE);
        assertThat(scope(b, "code:read").isSelected()).isTrue();
        b.tabTo(e -> "Create".equals(e.getText()), false);
        b.press(Keys.ENTER);

        awaitDialog(b, "Your new token is ready");
        WebElement secret = b.focused();
        assertThat(secret.getAttribute("readonly")).isNotNull();
        String token = secret.getDomProperty("value");
        assertThat(token).startsWith("pat_");
        b.tabTo(e -> "Copy".equals(e.getText()), false);
        b.press(Keys.ENTER);
        b.await("copied", d -> b.find("#p-dialog .p-copied").getText().isEmpty() ? null : true);
        b.press(Keys.ESCAPE);
        awaitNoDialog(b);
        assertThat(service(token).statusCode()).isEqualTo(200);

        awaitRow(b, "keyboard token");
        b.tabTo(e -> "Extend keyboard token".equals(e.getDomProperty("textContent")), false);
        b.press(Keys.ENTER);
        awaitDialog(b, "Extend keyboard token");
        assertThat(b.focused().getTagName()).isEqualTo("select");
        b.press(Keys.ARROW_DOWN); // 60 days
        b.tabTo(e -> "Extend".equals(e.getText()), false);
        b.press(Keys.ENTER);
        awaitNoDialog(b);
        String id = awaitRow(b, "keyboard token").getAttribute("data-token-id");
        b.await("extended", d -> pat4j.tokens().get(id).orElseThrow().expiresAt()
                .isAfter(Instant.now().plus(Duration.ofDays(59))) ? true : null);

        b.tabTo(e -> "Revoke keyboard token".equals(e.getDomProperty("textContent")), false);
        b.press(Keys.ENTER);
        awaitDialog(b, "Revoke keyboard token?");
        assertThat(b.focused().getText()).as("Cancel first: the safe choice").isEqualTo("Cancel");
        b.press(Keys.TAB);
        assertThat(b.focused().getText()).isEqualTo("Revoke");
        b.press(Keys.TAB);
        assertThat(b.focused().getText()).as("Tab stays in the dialog").isEqualTo("Cancel");
        b.tabTo(e -> "Revoke".equals(e.getText()), false);
        b.press(Keys.ENTER);
        awaitNoDialog(b);
        b.await("revoked", d -> pat4j.tokens().get(id).orElseThrow().state() == TokenState.REVOKED ? true : null);
        assertThat(service(token).statusCode()).isEqualTo(401);
    }

    // ---- the servlet over HTTP -------------------------------------------------------------------

    @Test
    void thePageIsServedBehindTheLoginWithAStrictPolicyAndNothingElseAnswers() throws Exception {
        HttpClient anonymous = HttpClient.newHttpClient();
        HttpResponse<String> redirected = anonymous.send(HttpRequest.newBuilder(URI.create(server.base()
                + PageServer.PAGE + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.statusCode()).as("the container's login first").isEqualTo(302);
        assertThat(redirected.headers().firstValue("Location")).get().asString().endsWith("/login");
        HttpResponse<String> style = anonymous.send(HttpRequest.newBuilder(URI.create(server.base()
                + PageServer.PAGE + "/page.css")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(style.statusCode()).as("the stylesheet is public here, for the login page").isEqualTo(200);

        HttpClient alice = signedIn("alice");
        HttpResponse<String> page = get(alice, PageServer.PAGE + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(TokenPageServlet.CONTENT_SECURITY_POLICY);
        assertThat(TokenPageServlet.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("data-api=\"/manage\"", "src=\"/tokens/page.js\"", "href=\"/tokens/page.css\"",
                "data-common-scopes=\"code:read code:write build:read build:execute\"")
                .doesNotContain("<script>", "style=").doesNotContainPattern(" on[a-z]+=");
        HttpResponse<String> script = get(alice, PageServer.PAGE + "/page.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(script.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                "eval(", "new Function");
        assertThat(get(alice, PageServer.PAGE + "/page.css").headers().firstValue("Content-Type")).get().asString()
                .startsWith("text/css");
        assertThat(get(alice, PageServer.PAGE + "/other.js").statusCode()).isEqualTo(404);
        HttpResponse<String> post = alice.send(HttpRequest.newBuilder(URI.create(server.base() + PageServer.PAGE + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    // ---- helpers ------------------------------------------------------------------------------

    IssuedToken issue(String owner, String name, String scope) {
        return issue(owner, name, scope, Duration.ofDays(10));
    }

    IssuedToken issue(String owner, String name, String scope, Duration lifespan, String... more) {
        List<String> scopes = new ArrayList<>(List.of(more));
        scopes.add(scope);
        return pat4j.tokens().create(NewToken.builder(owner, name).organization("acme").lifespan(lifespan)
                .scopes(scopes.toArray(String[]::new)).build(), Actor.user(owner));
    }

    HttpResponse<String> service(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + PageServer.SERVICE + "/code"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient signedIn(String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        get(client, PageServer.PAGE + "/"); // the container remembers where to go after login
        String password = java.util.Arrays.stream(PageServer.USERS).filter(u -> u[0].equals(user)).findFirst()
                .orElseThrow()[1];
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.base() + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return client;
    }

    HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void signIn(Browser b, String user) {
        b.driver.get(server.base() + PageServer.PAGE + "/");
        b.await("the login form", d -> b.visible("#user") ? true : null);
        String password = java.util.Arrays.stream(PageServer.USERS).filter(u -> u[0].equals(user)).findFirst()
                .orElseThrow()[1];
        type(b.find("#user"), user);
        type(b.find("#password"), password);
        b.find("#sign-in").click();
        awaitReady(b);
    }

    void awaitReady(Browser b) {
        b.await("the page loaded", d -> {
            if (b.visible("#p-error")) {
                throw new AssertionError("the page failed: " + b.find("#p-error").getText());
            }
            return "true".equals(b.find("#pat4j").getAttribute("data-ready")) && b.findAll("#p-loading").isEmpty()
                    ? true : null;
        });
        assertThat(b.visible("#p-error")).as("no error: %s", b.find("#p-error").getText()).isFalse();
    }

    static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    void awaitDialog(Browser b, String title) {
        b.await("the dialog " + title, d -> b.visible("#p-overlay") && b.findAll("#p-dialog-title").size() == 1
                && title.equals(b.find("#p-dialog-title").getText()) ? true : null);
        assertThat(b.find("#p-main").getAttribute("aria-hidden")).isEqualTo("true");
    }

    void awaitNoDialog(Browser b) {
        b.await("the dialog closed", d -> {
            if (b.visible("#p-dialog .p-dialog-error")) {
                throw new AssertionError("the dialog refused: " + b.find("#p-dialog .p-dialog-error").getText());
            }
            return b.visible("#p-overlay") ? null : true;
        });
    }

    void submitDialog(Browser b) {
        b.find("#p-dialog button[type=submit]").click();
    }

    WebElement scope(Browser b, String name) {
        return b.find("#p-dialog input[type=checkbox][value='" + name + "']");
    }

    boolean scopeVisible(Browser b, String name) {
        return scope(b, name).isDisplayed();
    }

    WebElement button(Browser b, String within, String text) {
        return b.findAll(within + " button").stream().filter(e -> e.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text));
    }

    WebElement rowNamed(Browser b, String name) {
        return rowIn(b, "#p-list", name);
    }

    WebElement rowIn(Browser b, String list, String name) {
        for (WebElement row : b.findAll(list + " tbody tr")) {
            if (row.findElement(By.cssSelector(".p-token-name")).getText().equals(name)) {
                return row;
            }
        }
        return null;
    }

    WebElement awaitRow(Browser b, String name) {
        return b.await("the row " + name, d -> rowNamed(b, name));
    }

    static String cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText)
                .map(t -> t.replace('\n', ' ')).collect(Collectors.joining(" | "));
    }

    /** Each action's accessible name (the visible verb and the hidden token name): unique per row and page. */
    static List<String> rowActions(WebElement row) {
        List<String> names = row.findElements(By.cssSelector("button")).stream()
                .map(e -> e.getDomProperty("textContent")).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        return names;
    }

    static WebElement rowButton(WebElement row, String verb) {
        return row.findElements(By.cssSelector("button")).stream()
                .filter(e -> e.getDomProperty("textContent").startsWith(verb + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + verb + " in " + cells(row)));
    }
}
