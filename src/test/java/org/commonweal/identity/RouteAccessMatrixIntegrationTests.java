package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Walks every route that the modules list in {@code security/routes-*.csv} with every role and with no login, and
 * asserts 200 for those allowed, 403 for other roles, and a redirect to the login page for anonymous visitors.
 */
@IntegrationTest
public class RouteAccessMatrixIntegrationTests {

    @Autowired
    MockMvc mvc;

    /** One line of a {@code security/routes-*.csv}; also the page scan's sample addresses. */
    public record Route(String source, HttpMethod method, String path, String access) {

        int expected(Role role) {
            return switch (access) {
                case "public", "authenticated" -> 200;
                default -> allowed().contains(role) ? 200 : 403;
            };
        }

        int expectedAnonymous() {
            return access.equals("public") ? 200 : 302;
        }

        Set<Role> allowed() {
            return Arrays.stream(access.split("\\s+"))
                    .map(Role::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        }
    }

    @Test
    void everyRouteAnswersEveryRoleAsDeclared() throws Exception {
        List<Route> routes = routes();
        assertThat(routes).hasSizeGreaterThan(5);
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            var anonymous = mvc.perform(request(route.method(), route.path()))
                    .andReturn()
                    .getResponse();
            if (anonymous.getStatus() != route.expectedAnonymous()
                    || (route.expectedAnonymous() == 302
                            && !String.valueOf(anonymous.getRedirectedUrl()).endsWith("/login"))) {
                failures.add(route + " anonymous: " + anonymous.getStatus() + " " + anonymous.getRedirectedUrl());
            }
            for (Role role : Role.values()) {
                int status = mvc.perform(request(route.method(), route.path())
                                .with(user(role.demoUsername()).roles(role.name())))
                        .andReturn()
                        .getResponse()
                        .getStatus();
                if (status != route.expected(role)) {
                    failures.add(route + " " + role + ": expected " + route.expected(role) + " got " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    public static List<Route> routes() throws Exception {
        List<Route> routes = new ArrayList<>();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:security/routes-*.csv");
        for (Resource file : files) {
            try (var reader =
                    new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split(",", 3);
                    routes.add(
                            new Route(file.getFilename(), HttpMethod.valueOf(f[0].trim()), f[1].trim(), f[2].trim()));
                }
            }
        }
        return routes;
    }
}
