package dev.pat4j.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The API tools call with a token: listing needs {@code code:read}, creating {@code code:write}. */
@RestController
class RepositoryApi {
    private final List<String> repositories = new CopyOnWriteArrayList<>(List.of("app", "docs"));

    @GetMapping("/api/repos")
    @PreAuthorize("hasAuthority('SCOPE_code:read')")
    List<String> list() {
        return repositories;
    }

    @PostMapping("/api/repos")
    @PreAuthorize("hasAuthority('SCOPE_code:write')")
    String create(@RequestBody String name, Authentication who) {
        repositories.add(name.strip());
        return "created " + name.strip() + " for " + who.getName() + "\n";
    }
}
