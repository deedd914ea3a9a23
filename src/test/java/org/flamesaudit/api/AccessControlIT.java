package org.flamesaudit.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint against anonymous callers, a wrong password and each of the five roles. Allowed calls are made so
 * that they change nothing (unknown ids, empty bodies) and must get past security to the application's own answer.
 * The table must name every resource method of the API, found by reflection.
 */
class AccessControlIT {

    private static final Set<String> READERS = Set.of(Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR,
            Roles.APPROVER);
    private static final Set<String> AUDITOR = Set.of(Roles.AUDITOR);
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);
    private static final List<String> ROLES = List.of(Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER,
            Roles.ADMIN);

    record Endpoint(String template, String method, String path, String body, Set<String> roles, int allowedStatus) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET /me", "GET", "/api/me", null, Set.copyOf(ROLES), 200),
            new Endpoint("GET /glossary", "GET", "/api/glossary", null, Set.copyOf(ROLES), 200),
            new Endpoint("POST /datasets", "POST", "/api/datasets", "{}", AUDITOR, 400),
            new Endpoint("POST /datasets/upload", "POST", "/api/datasets/upload", "", AUDITOR, 400),
            new Endpoint("GET /datasets", "GET", "/api/datasets", null, READERS, 200),
            new Endpoint("GET /datasets/{id}", "GET", "/api/datasets/999999", null, READERS, 404),
            new Endpoint("GET /datasets/{id}/rejected", "GET", "/api/datasets/999999/rejected", null, READERS, 404),
            new Endpoint("POST /runs", "POST", "/api/runs", "{}", AUDITOR, 400),
            new Endpoint("GET /runs", "GET", "/api/runs", null, READERS, 200),
            new Endpoint("GET /runs/{id}", "GET", "/api/runs/999999", null, READERS, 404),
            new Endpoint("GET /runs/{id}/metrics", "GET", "/api/runs/999999/metrics", null, READERS, 404),
            new Endpoint("GET /runs/{id}/items", "GET", "/api/runs/999999/items", null, READERS, 404),
            new Endpoint("POST /runs/{id}/stop", "POST", "/api/runs/999999/stop", "", AUDITOR, 404),
            new Endpoint("POST /runs/{id}/restart", "POST", "/api/runs/999999/restart", "", AUDITOR, 404),
            new Endpoint("POST /runs/{id}/accept-failures", "POST", "/api/runs/999999/accept-failures",
                    "{\"justification\":\"retried twice, the provider refuses these\"}", AUDITOR, 404),
            new Endpoint("GET /runs/{id}/report.pdf", "GET", "/api/runs/999999/report.pdf", null, READERS, 404),
            new Endpoint("GET /runs/{id}/report.xlsx", "GET", "/api/runs/999999/report.xlsx", null, READERS, 404),
            new Endpoint("GET /runs/{id}/reports", "GET", "/api/runs/999999/reports", null, READERS, 404),
            new Endpoint("POST /runs/{id}/reports", "POST", "/api/runs/999999/reports", "", AUDITOR, 404),
            new Endpoint("GET /runs/{id}/reports/{renderingId}/content", "GET", "/api/runs/999999/reports/1/content",
                    null, READERS, 404),
            new Endpoint("GET /reports/verify", "GET", "/api/reports/verify?sha256=" + "0".repeat(64), null,
                    READERS, 200),
            new Endpoint("POST /reports/verify", "POST", "/api/reports/verify", "", READERS, 400),
            new Endpoint("POST /runs/{id}/items/{promptId}/review", "POST", "/api/runs/999999/items/1/review",
                    "{\"score\":3,\"justification\":\"x\"}", Set.of(Roles.REVIEWER), 404),
            new Endpoint("GET /runs/{id}/items/{promptId}/reviews", "GET", "/api/runs/999999/items/1/reviews", null,
                    READERS, 404),
            new Endpoint("GET /runs/{id}/review-queue", "GET", "/api/runs/999999/review-queue", null, READERS, 404),
            new Endpoint("GET /runs/{id}/agreement", "GET", "/api/runs/999999/agreement", null, READERS, 404),
            new Endpoint("POST /runs/{id}/blind-sample", "POST", "/api/runs/999999/blind-sample", "{}", AUDITOR, 404),
            new Endpoint("GET /runs/{id}/blind-sample", "GET", "/api/runs/999999/blind-sample", null, READERS, 404),
            new Endpoint("GET /runs/{id}/blind-sample/items", "GET", "/api/runs/999999/blind-sample/items", null,
                    READERS, 404),
            new Endpoint("POST /runs/{id}/blind-sample/items/{itemId}", "POST",
                    "/api/runs/999999/blind-sample/items/1", "{\"score\":3}", Set.of(Roles.REVIEWER), 404),
            new Endpoint("GET /runs/{id}/blind-sample/results", "GET", "/api/runs/999999/blind-sample/results", null,
                    Set.of(Roles.AUDITOR, Roles.REGULATOR), 404),
            new Endpoint("GET /audit-log", "GET", "/api/audit-log", null, READERS, 200),
            new Endpoint("GET /runs/{id}/bundle", "GET", "/api/runs/999999/bundle", null, READERS, 404),
            new Endpoint("POST /bundles", "POST", "/api/bundles", "", AUDITOR, 400),
            new Endpoint("GET /bundles", "GET", "/api/bundles", null, READERS, 200),
            new Endpoint("GET /bundles/{id}", "GET", "/api/bundles/999999", null, READERS, 404),
            new Endpoint("GET /runs/{id}/signoff", "GET", "/api/runs/999999/signoff", null, READERS, 404),
            new Endpoint("POST /runs/{id}/signoff", "POST", "/api/runs/999999/signoff", "{}",
                    Set.of(Roles.REVIEWER, Roles.APPROVER), 400),
            new Endpoint("GET /audit-log/verify", "GET", "/api/audit-log/verify?anchor=x", null, READERS, 400),
            new Endpoint("GET /scorers", "GET", "/api/scorers", null, READERS, 200),
            new Endpoint("POST /scorers/heads", "POST", "/api/scorers/heads", "{}", AUDITOR, 400),
            new Endpoint("GET /scorers/heads", "GET", "/api/scorers/heads", null, READERS, 200),
            new Endpoint("GET /scorers/heads/{id}", "GET", "/api/scorers/heads/999999", null, READERS, 404),
            new Endpoint("GET /secrets", "GET", "/api/secrets", null, ADMIN, 200),
            new Endpoint("PUT /secrets/{alias}", "PUT", "/api/secrets/Not-An-Alias", "{}", ADMIN, 400),
            new Endpoint("DELETE /secrets/{alias}", "DELETE", "/api/secrets/no-such-alias", null, ADMIN, 404),
            new Endpoint("PUT /secrets/{alias}/endpoints", "PUT", "/api/secrets/no-such-alias/endpoints",
                    "{\"endpoints\":[\"http://127.0.0.1:1/v1\"]}", ADMIN, 404),
            new Endpoint("PUT /secrets/env/{name}/endpoints", "PUT", "/api/secrets/env/PATH/endpoints",
                    "{\"endpoints\":[\"http://127.0.0.1:1/v1\"]}", ADMIN, 400),
            new Endpoint("DELETE /secrets/env/{name}/endpoints", "DELETE",
                    "/api/secrets/env/FLAMES_KEY_NEVER_REGISTERED/endpoints", null, ADMIN, 404),
            new Endpoint("GET /users", "GET", "/api/users", null, ADMIN, 200),
            new Endpoint("PUT /users/{username}", "PUT", "/api/users/Not-A-Name", "{}", ADMIN, 400),
            new Endpoint("DELETE /users/{username}", "DELETE", "/api/users/no-such-user", null, ADMIN, 404),
            new Endpoint("GET /users/{username}/login-throttle", "GET", "/api/users/no-such-user/login-throttle", null,
                    ADMIN, 200),
            new Endpoint("DELETE /users/{username}/login-throttle", "DELETE",
                    "/api/users/no-such-user/login-throttle", null, ADMIN, 200),
            new Endpoint("POST /schedules", "POST", "/api/schedules", "{}", AUDITOR, 400),
            new Endpoint("GET /schedules", "GET", "/api/schedules", null, READERS, 200),
            new Endpoint("GET /schedules/preview", "GET", "/api/schedules/preview?cron=0%202%20*%20*%20*&zone=UTC",
                    null, READERS, 200),
            new Endpoint("GET /schedules/{id}", "GET", "/api/schedules/999999", null, READERS, 404),
            new Endpoint("PUT /schedules/{id}", "PUT", "/api/schedules/999999", "{}", AUDITOR, 404),
            new Endpoint("DELETE /schedules/{id}", "DELETE", "/api/schedules/999999", null, AUDITOR, 404),
            new Endpoint("GET /schedules/{id}/firings", "GET", "/api/schedules/999999/firings", null, READERS, 404),
            new Endpoint("GET /schedules/{id}/runs", "GET", "/api/schedules/999999/runs", null, READERS, 404),
            new Endpoint("GET /reports/compare", "GET", "/api/reports/compare?runs=999998,999999", null,
                    READERS, 404),
            new Endpoint("GET /reports/compare.pdf", "GET", "/api/reports/compare.pdf?runs=999998,999999", null,
                    READERS, 404),
            new Endpoint("GET /assessments/tc260", "GET", "/api/assessments/tc260?runs=999999", null, READERS, 404),
            new Endpoint("GET /assessments/tc260.pdf", "GET", "/api/assessments/tc260.pdf?runs=999999", null,
                    READERS, 404),
            new Endpoint("GET /assessments/tc260.xlsx", "GET", "/api/assessments/tc260.xlsx?runs=999999", null,
                    READERS, 404));

    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void everyEndpointAnswersEachRoleAsSpecified() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : ENDPOINTS) {
            checked += expect(failures, e, "anonymous", api.as(null), 401);
            checked += expect(failures, e, "wrong password", api.withWrongPassword(Roles.AUDITOR), 401);
            for (String role : ROLES) {
                checked += expect(failures, e, role, api.as(role), e.roles().contains(role) ? e.allowedStatus() : 403);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(ENDPOINTS.size() * (2 + ROLES.size()));
    }

    @Test
    void theTableNamesEveryResourceMethodOfTheApi() {
        Set<String> declared = new TreeSet<>();
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).hasSizeGreaterThanOrEqualTo(7);
        for (Class<?> c : resources) {
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : null;
                if (verb != null) {
                    Path p = m.getAnnotation(Path.class);
                    declared.add(verb + " " + (base + (p == null ? "" : p.value())).replace("//", "/")
                            .replaceAll("/$", ""));
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        ENDPOINTS.forEach(e -> covered.add(e.template()));
        assertThat(covered).isEqualTo(declared);
    }

    /**
     * WildFly grants every batch operation to everyone by default; the provisioned server lets only auditors (and the
     * server's own anonymous threads: the schedule ticker) start, stop, restart or abandon jobs, and others only read.
     */
    @Test
    void theBatchPermissionsAreNarrowedInTheProvisionedServer() throws Exception {
        java.nio.file.Path xml = java.nio.file.Path.of(System.getProperty("flames.server.dir", "target/server"),
                "standalone/configuration/standalone.xml");
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("//*[local-name()='security-domain'][@name='FlamesDomain']/@permission-mapper", doc))
                .isEqualTo("flames-permission-mapper");
        String mapper = "//*[local-name()='simple-permission-mapper'][@name='flames-permission-mapper']";
        assertThat(xpath.evaluate(mapper + "/@mapping-mode", doc)).isEqualTo("first");
        // first mapping: the anonymous principal; second: role auditor; last: everyone else
        String m = mapper + "/*[local-name()='permission-mapping']";
        assertThat(xpath.evaluate("count(" + m + ")", doc)).isEqualTo("3");
        assertThat(xpath.evaluate(m + "[1]/*[local-name()='principal']/@name", doc)).isEqualTo("anonymous");
        assertThat(xpath.evaluate(m + "[2]/*[local-name()='role']/@name", doc)).isEqualTo(Roles.AUDITOR);
        assertThat(xpath.evaluate(m + "[3]/@match-all", doc)).isEqualTo("true");
        assertThat(xpath.evaluate(m + "[3]/*[local-name()='permission-set'][2]/@name", doc))
                .isEqualTo("flames-batch-reader");
        String reader = "//*[local-name()='permission-set'][@name='flames-batch-reader']/*[local-name()='permission']";
        assertThat(xpath.evaluate("count(" + reader + ")", doc)).isEqualTo("1");
        assertThat(xpath.evaluate(reader + "/@target-name", doc)).isEqualTo("read");
        String operator = "//*[local-name()='permission-set'][@name='flames-batch-operator']/*[local-name()='permission']";
        List<String> actions = new ArrayList<>();
        var nodes = (org.w3c.dom.NodeList) xpath.evaluate(operator + "/@target-name", doc,
                javax.xml.xpath.XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i++) {
            actions.add(nodes.item(i).getNodeValue());
        }
        assertThat(actions).containsExactlyInAnyOrder("start", "stop", "restart", "abandon", "read");
    }

    /** Every class of the api package that is a JAX-RS resource, found on disk so a new one cannot be missed. */
    private static List<Class<?>> resourceClasses() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(RunResource.class.getResource("RunResource.class").toURI())
                    .getParent();
            List<Class<?>> found = new ArrayList<>();
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".class") && !name.contains("$")) {
                        Class<?> c = Class.forName(RunResource.class.getPackageName() + "."
                                + name.substring(0, name.length() - 6));
                        if (c.isAnnotationPresent(Path.class)) {
                            found.add(c);
                        }
                    }
                }
            }
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int expect(List<String> failures, Endpoint e, String who, ApiClient client, int expected) {
        int status = switch (e.method()) {
            case "GET" -> client.download(e.path()).status();
            case "PUT" -> client.put(e.path(), e.body()).status();
            case "DELETE" -> client.delete(e.path()).status();
            default -> client.post(e.path(), e.body()).status();
        };
        if (status != expected) {
            failures.add(e.template() + " as " + who + ": expected " + expected + ", got " + status);
        }
        return 1;
    }
}
