package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import dev.pat4j.spring.web.SpringSecurityActingUser;
import dev.pat4j.spring.web.SpringSecurityCsrf;
import dev.pat4j.web.ActingUserResolver;
import dev.pat4j.web.ManagementApiServlet;
import dev.pat4j.web.Pat4jWeb;
import dev.pat4j.web.TokenPageServlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * pat4j's management REST API (pat4j-web's {@link ManagementApiServlet}, see its README) mounted
 * in a servlet web application when {@code pat4j.web.enabled=true}, under
 * {@code pat4j.web.base-path} (default {@code /pat4j/api}), behind the application's Spring
 * Security chain like any other path: the chain decides who may reach it, and the API acts for
 * whom the {@code SecurityContext} names ({@link SpringSecurityActingUser}; administrators by
 * {@code pat4j.web.admin-authority}, never a token). With {@code pat4j.web.csrf=spring} (the
 * default) the API defers to Spring Security's CSRF protection ({@link SpringSecurityCsrf}) and
 * {@code GET {base-path}/csrf} hands out Spring's token; with {@code pat4j} it keeps its own
 * synchronizer token. An {@link ActingUserResolver} bean replaces the resolver, and a bean named
 * {@code pat4jManagementApi} the whole registration.
 *
 * <p>Enabled without pat4j-web on the class path, start-up fails and says so, rather than leave
 * the API silently unmounted.
 */
@AutoConfiguration(after = Pat4jAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("pat4j.web.enabled")
public final class Pat4jWebAutoConfiguration {

    /** The API, where pat4j-web is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ManagementApiServlet.class)
    @ConditionalOnBean(Pat4j.class)
    static class ManagementApi {

        /** Spring Security's user, where Spring Security is there. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(SecurityContextHolder.class)
        static class SecurityContextUser {
            @Bean
            @ConditionalOnMissingBean
            ActingUserResolver pat4jActingUser(Pat4jProperties properties) {
                return new SpringSecurityActingUser(properties.getWeb().getAdminAuthority());
            }
        }

        @Bean
        @ConditionalOnMissingBean(name = "pat4jManagementApi")
        ServletRegistrationBean<ManagementApiServlet> pat4jManagementApi(Pat4j pat4j, Pat4jProperties properties,
                                                                         ObjectProvider<ActingUserResolver> users) {
            Pat4jProperties.Web web = properties.getWeb();
            // without Spring Security (and without a resolver bean), the container's own login names the user
            ManagementApiServlet.Builder api = Pat4jWeb.managementApi(pat4j)
                    .actingUser(users.getIfAvailable(ActingUserResolver::container))
                    .defaultLifespan(web.getDefaultLifespan());
            if (web.getAllowTokensWithScope() != null) {
                api.allowTokensWithScope(web.getAllowTokensWithScope());
            }
            web.getAllowedOrigins().forEach(api::allowOrigin);
            if (web.getCsrf() == Pat4jProperties.Web.Csrf.SPRING) {
                if (!SpringSecurity.present()) {
                    throw new IllegalStateException("pat4j.web.csrf=spring needs Spring Security (spring-boot-starter-"
                            + "security); without it set pat4j.web.csrf=pat4j, the API's own CSRF token");
                }
                api.csrfByContainer(new SpringSecurityCsrf());
            }
            ServletRegistrationBean<ManagementApiServlet> registration =
                    new ServletRegistrationBean<>(api.build(), web.getBasePath() + "/*");
            registration.setName("pat4jManagementApi");
            return registration;
        }
    }

    /** The self-service page, a client of the API above, unless {@code pat4j.web.page.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TokenPageServlet.class)
    @ConditionalOnBooleanProperty(name = "pat4j.web.page.enabled", matchIfMissing = true)
    static class TokenPage {
        @Bean
        @ConditionalOnMissingBean(name = "pat4jTokenPage")
        ServletRegistrationBean<TokenPageServlet> pat4jTokenPage(Pat4jProperties properties) {
            Pat4jProperties.Web web = properties.getWeb();
            Pat4jProperties.Web.Page p = web.getPage();
            TokenPageServlet.Builder page = Pat4jWeb.tokenPage(web.getBasePath())
                    .commonScopes(p.getCommonScopes().toArray(String[]::new));
            if (p.getTitle() != null) {
                page.title(p.getTitle());
            }
            if (p.getStylesheet() != null) {
                page.stylesheet(p.getStylesheet());
            }
            ServletRegistrationBean<TokenPageServlet> registration =
                    new ServletRegistrationBean<>(page.build(), p.getPath() + "/*");
            registration.setName("pat4jTokenPage");
            return registration;
        }
    }

    /** Enabled without the module: fail start-up with what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.pat4j.web.ManagementApiServlet")
    static class ModuleMissing {
        @Bean
        Object pat4jManagementApi() {
            throw new IllegalStateException("pat4j.web.enabled=true, but pat4j-web (dev.pat4j:pat4j-web) is not on the "
                    + "class path: add it (the starter brings it) or set pat4j.web.enabled=false");
        }
    }

    /** Whether Spring Security's CSRF classes are on the class path, asked without loading them. */
    private static final class SpringSecurity {
        static boolean present() {
            return org.springframework.util.ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken",
                    Pat4jWebAutoConfiguration.class.getClassLoader());
        }
    }
}
