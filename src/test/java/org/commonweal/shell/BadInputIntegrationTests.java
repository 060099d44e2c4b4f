package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tries the bad inputs for you (#18): every form of every module, found in the application's own route table (every
 * {@code @PostMapping} handler outside the machine APIs), is posted with boundary values (blank, 10,000 characters,
 * a word where a number or date goes, dates and numbers far out of range, script and SQL text) by a login whose role
 * may use it, with a valid CSRF token, as a browser. Every answer must be: no server error, no raw JSON to a browser,
 * no script echoed unescaped, and when the answer is a refusal (4xx), nothing saved (no change in the audit trail,
 * where every change of the application is recorded). The 10,000-character and wrong-type posts must be refused: a
 * 4xx (the form shown again with its errors) or the page again with an error message.
 *
 * <p>Forms whose path names a record are posted to a record that does not exist (so the test changes no demo data),
 * except the forms listed in {@link #REAL_RECORDS}, which are posted to a real record of the demo data to reach
 * their validation.
 */
@IntegrationTest
class BadInputIntegrationTests {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String TEN_THOUSAND = "A".repeat(10_000);
    private static final String SCRIPT = "<script>alert('x')</script>";

    /** The boundary values; the same value goes in every field of the form. */
    private static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("blank", "");
        VALUES.put("10,000 characters", TEN_THOUSAND);
        VALUES.put("wrong type", "twelve");
        VALUES.put("date out of range", "1899-01-01");
        VALUES.put("number out of range", "-99999999999");
        VALUES.put("script", SCRIPT);
        VALUES.put("SQL", "'; drop table audit.audit_event; --");
    }

    /**
     * Forms posted to a real record (a query giving its path variables), to reach their field checks. The others
     * get a record that does not exist and must answer "not found" or come back, without a server error.
     */
    private static final Map<String, String> REAL_RECORDS = Map.of(
            "/members/{memberId}/corrections", "select 'DEMO-MEMBER-1'",
            "/centers/sessions/{id}/register",
                    "select id::text from centers.class_session where starts_at > now() + interval '1 day' and status = 'scheduled' order by id limit 1",
            "/engagement/committees/{code}/meetings", "select 'RCAC-7'",
            "/engagement/committees/{code}/members", "select 'RCAC-7'",
            "/engagement/motions/{id}/steps",
                    "select id::text from engagement.motion where stage = 'PROPOSED' order by id limit 1",
            "/housing/subsidies/{id}/payments", "select id::text from housing.subsidy order by id limit 1",
            "/grants/staff/board/{id}/actions", "select id::text from grants.board_meeting order by id limit 1");

    /** Answers the 10,000-character and wrong-type posts may give besides a 4xx: the page again with an error. */
    private static final Set<String> ERROR_FLASHES = Set.of(
            "error", "errorKey", "problem", "notFound", "invalid", "documentErrors", "answerRefused", "problems");

    private static final Set<String> MACHINE_APIS = Set.of("/api/", "/x12/", "/fhir/", "/hsds/");

    /**
     * Left out: choosing one's own new password would change the demo login's password for every later test (the
     * script and SQL texts are long enough to be passwords); its checks are in UserAdministrationIntegrationTests.
     */
    private static final Set<String> LEFT_OUT = Set.of("/account/password");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SecurityFilterChain> chains;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * @param typed whether a field takes a number, date, choice or yes/no (a word there must be refused)
     * @param files whether the form sends files (posted as multipart, as a browser does)
     */
    record Form(String pattern, HandlerMethod handler, Set<String> fields, boolean typed, boolean files) {}

    @Test
    void everyFormRefusesBadInputWithoutAServerErrorOrRawJsonAndSavesNothingWhenItRefuses() throws Exception {
        List<Form> forms = forms();
        List<String> failures = new ArrayList<>();
        int posts = 0;
        for (Form form : forms) {
            String path = concrete(form.pattern());
            var login = login(path);
            for (var value : VALUES.entrySet()) {
                long changesBefore = changes();
                var request = (form.files() ? multipart(path) : post(path))
                        .with(csrf())
                        .with(login)
                        .header("Accept", BROWSER);
                form.fields().forEach(field -> request.param(field, value.getValue()));
                MvcResult result;
                posts++;
                try {
                    result = mvc.perform(request).andReturn();
                } catch (Exception e) {
                    failures.add(form.pattern() + " [" + path + "] with " + value.getKey() + ": server error " + e);
                    continue;
                }
                var response = result.getResponse();
                String what = form.pattern() + " [" + path + "] with " + value.getKey() + " -> " + response.getStatus();
                String body = response.getContentAsString();
                if (response.getStatus() >= 500
                        || result.getResolvedException() != null && response.getStatus() == 200) {
                    failures.add(what + ": server error " + result.getResolvedException());
                    continue;
                }
                String type = response.getContentType() == null ? "" : response.getContentType();
                if (type.contains("json")) {
                    failures.add(what + ": JSON to a browser");
                }
                if (body.contains(SCRIPT)) {
                    failures.add(what + ": script echoed unescaped");
                }
                boolean refused = response.getStatus() >= 400;
                if (refused && changes() != changesBefore) {
                    failures.add(what + ": refused, yet something was saved");
                }
                boolean mustRefuse = !form.fields().isEmpty()
                        && (value.getKey().equals("10,000 characters")
                                || value.getKey().equals("wrong type") && form.typed());
                boolean cameBackWithError = refused
                        || result.getFlashMap().keySet().stream().anyMatch(ERROR_FLASHES::contains)
                        || body.contains("id=\"error-summary\"");
                if (mustRefuse && !cameBackWithError) {
                    failures.add(what + ": accepted");
                }
            }
        }
        System.out.printf("Bad-input test: %d forms, %d posts, %d problems%n", forms.size(), posts, failures.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(forms).as("forms found in the route table").hasSizeGreaterThan(60);
        assertThat(failures).isEmpty();
    }

    /** Every POST handler of a browser page, with the names of the fields it reads. */
    private List<Form> forms() {
        Map<String, Form> forms = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (MACHINE_APIS.stream().anyMatch(pattern::startsWith)
                        || pattern.equals("/login")
                        || LEFT_OUT.contains(pattern)) {
                    continue;
                }
                HandlerMethod handler = entry.getValue();
                forms.put(pattern, new Form(pattern, handler, fields(handler), typed(handler), files(handler)));
            }
        }
        return List.copyOf(forms.values());
    }

    private static Set<String> fields(HandlerMethod handler) {
        Set<String> fields = new LinkedHashSet<>();
        for (var parameter : handler.getMethodParameters()) {
            Parameter p = parameter.getParameter();
            Class<?> type = parameter.getParameterType();
            RequestParam param = AnnotatedElementUtils.findMergedAnnotation(p, RequestParam.class);
            if (param != null && !Map.class.isAssignableFrom(type)) {
                fields.add(param.name().isEmpty() ? p.getName() : param.name());
            } else if (type.isRecord()
                    && (p.isAnnotationPresent(ModelAttribute.class)
                            || !type.getName().startsWith("java"))) {
                for (RecordComponent component : type.getRecordComponents()) {
                    fields.add(component.getName());
                }
            }
        }
        return fields;
    }

    private static boolean typed(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            Parameter p = parameter.getParameter();
            Class<?> type = parameter.getParameterType();
            if (p.isAnnotationPresent(RequestParam.class) && !Map.class.isAssignableFrom(type) && !textual(type)) {
                return true;
            }
            if (type.isRecord() && !type.getName().startsWith("java")) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (!textual(component.getType())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean textual(Class<?> type) {
        return type == String.class || java.util.Collection.class.isAssignableFrom(type) || type.isArray();
    }

    private static boolean files(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(type)
                    || java.util.Collection.class.isAssignableFrom(type)
                            && parameter.getGenericParameterType().getTypeName().contains("MultipartFile")) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(:[^}]*)?}");

    /** The pattern with its variables filled: a real record for the forms of {@link #REAL_RECORDS}, else none. */
    private String concrete(String pattern) {
        String real = REAL_RECORDS.get(pattern);
        String value = real == null
                ? null
                : jdbc.sql(real).query(String.class).optional().orElse(null);
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String fill;
            if (m.group(2) != null) {
                fill = m.group(2).substring(1).split("\\|")[0]; // a choice such as {action:checkin|noshow}
            } else {
                fill = value != null ? value : "999999999";
            }
            m.appendReplacement(path, Matcher.quoteReplacement(fill));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** The demo login of the first role the security configuration lets post to the path. */
    private org.springframework.test.web.servlet.request.RequestPostProcessor login(String path) {
        var request = new org.springframework.mock.web.MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        var manager =
                chains.stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow().getFilters().stream()
                        .filter(AuthorizationFilter.class::isInstance)
                        .map(AuthorizationFilter.class::cast)
                        .findFirst()
                        .orElseThrow()
                        .getAuthorizationManager();
        for (Role role : Role.values()) {
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    role.demoUsername(), null, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
            var decision = manager.authorize(() -> authentication, request);
            if (decision != null && decision.isGranted()) {
                return user(role.demoUsername()).roles(role.name());
            }
        }
        throw new AssertionError("no role may post to " + path);
    }

    /** Changes recorded in the audit trail (every change of the application writes one). */
    private long changes() {
        return jdbc.sql("select count(*) from audit.audit_event where action::text not in ('READ', 'SEARCH', 'EXPORT')")
                .query(Long.class)
                .single();
    }
}
