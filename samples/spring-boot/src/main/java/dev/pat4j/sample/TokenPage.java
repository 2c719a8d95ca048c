package dev.pat4j.sample;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.spring.security.Pat4jAuthenticationToken;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * The signed-in user's page: one form that creates a token and shows it once. (pat4j's own
 * management page comes with pat4j-web.) A token cannot create tokens: only a login session can.
 */
@RestController
class TokenPage {
    private final TokenService tokens;

    TokenPage(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String page(Authentication who, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return "<!doctype html><title>pat4j sample</title><h1>Hello " + HtmlUtils.htmlEscape(who.getName())
                + "</h1><form method=post action=/tokens><input type=hidden name=" + csrf.getParameterName()
                + " value=" + csrf.getToken() + "><label>Name <input name=name value=cli></label> "
                + "<select name=scope><option>code:read</option><option>code:write</option></select> "
                + "<button>New token</button></form>";
    }

    @PostMapping(value = "/tokens", produces = MediaType.TEXT_PLAIN_VALUE)
    String create(@RequestParam String name, @RequestParam String scope, Authentication who) {
        if (who instanceof Pat4jAuthenticationToken) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "sign in to create tokens");
        }
        IssuedToken issued = tokens.create(NewToken.builder(who.getName(), name).allOrganizations()
                .lifespan(Duration.ofDays(30)).scopes(scope).build(), Actor.user(who.getName()));
        return issued.token() + "\n";
    }
}
