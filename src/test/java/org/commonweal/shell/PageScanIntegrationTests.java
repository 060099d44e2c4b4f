package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.RouteAccessMatrixIntegrationTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Renders every HTML page of every module, in English and Spanish, signed in with a role that may see it, and fails
 * on what a person should never read: raw enum names of the application, ISO dates outside {@code <input>} and
 * {@code <time datetime>} attributes, the currency placeholder {@code ¤}, "true"/"false" as text, and codes whose
 * label is missing from the bundles ({@link Labels#missing()}).
 *
 * <p>The pages come from the application's own GET route table; routes with path variables are rendered with the
 * concrete addresses that the modules list in {@code security/routes-*.csv} (demo data) and with those {@link
 * PageScanSamples} finds or creates (a registration of every status, an 834 import of every status, upload jobs in
 * every state, a measure run …). A route with path variables and no sample address fails the scan, so a new page is
 * scanned or named. Codes that only data written by others would show (audit actions, the SYSTEM role of jobs, import
 * statuses) are written by the scan itself before it renders, so what it checks does not depend on the tests that ran
 * before it.
 */
@IntegrationTest
class PageScanIntegrationTests {

    /** Words that people read in capitals and that happen to be enum constants too. */
    private static final Set<String> WORDS = Set.of(
            "ID",
            "PDF",
            "CSV",
            "SPA",
            "ZIP",
            "NPI",
            "PCP",
            "EIN",
            "FHIR",
            "HMIS",
            "CIN",
            "MBI",
            "XLSX",
            "HTML",
            "JSON",
            "SMS",
            "QR",
            "URL",
            "API",
            "OK",
            "RCAC",
            "HEDIS",
            "CMS",
            "DHCS",
            "LA",
            "EN",
            "ES",
            "PM",
            "AM",
            "NDJSON",
            "LP",
            "AND",
            "OR",
            "NOT",
            "IT",
            "ICS",
            "MEDI",
            "CAL",
            "HSDS",
            "PHI",
            "SSN",
            "DOB",
            "HUD",
            "CES",
            "CQL",
            "ELM",
            "VSAC",
            // HUD's names of the HMIS CSV specifications
            "FY2026",
            "FY2024",
            // identifiers a person configures and reads as such: DHCS's 834 receiver id on the configuration page
            "CADHCS_5010_834");

    /**
     * Enums whose constants are identifiers people type and read, like a member ID: the grants programs' own codes
     * (CORE, ORAL …) that staff give a program and that the history import matches.
     */
    private static final Set<String> IDENTIFIER_ENUMS =
            Set.of("org.commonweal.grants.internal.GrantsHistory$ProgramCode");

    /** Any UPPER_SNAKE token is a code, whether an enum of ours or a code kept as text (MEDI_CAL). */
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");

    private static final Set<String> SKIPPED_PREFIXES = Set.of(
            "/api",
            "/x12",
            "/fhir",
            "/hsds",
            "/oauth2",
            "/.well-known",
            "/actuator",
            "/error",
            "/v3",
            "/swagger-ui",
            "/webauthn",
            "/login/webauthn",
            "/logout",
            "/userinfo",
            "/connect");

    /** Routes with path variables that answer a file, not a page (each has its own test of what it writes). */
    static final Set<String> FILES = Set.of(
            "/adequacy/export/{what}.{format}", // CSV or XLSX, by its extension variable
            "/committees/documents/{id}", // a meeting document as uploaded (PDF, Word)
            "/engagement/documents/{id}", // the staff copy of the same
            "/coverage/imports/{id}/999", // the X12 999 acknowledgment, text/plain
            "/quality/claims/{fileId}/999"); // the same for an 837 file

    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])\\d{4}-\\d{2}-\\d{2}(?![\\d])");
    /** Words, keeping identifiers joined by hyphens whole: DEMO-MEMBER-1 is an id, not the codes DEMO and MEMBER. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*");

    private static final Pattern SHOWN_ATTRIBUTE =
            Pattern.compile("\\s(?:title|aria-label|placeholder|alt)=\"([^\"]*)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Labels labels;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.commonweal.audit.AuditTrail audit;

    record Sample(String path, String access) {}

    record Page(String path, Optional<Role> role) {}

    @Test
    void noPageShowsARawCode() throws Exception {
        Set<String> enumNames = enumConstants();
        PageScanSamples created = new PageScanSamples(jdbc, audit);
        try {
            scan(enumNames, created);
        } finally {
            created.removeAll();
        }
    }

    private void scan(Set<String> enumNames, PageScanSamples created) throws Exception {
        List<Sample> samples = new ArrayList<>(samples());
        samples.addAll(created.create());
        Map<String, Page> pages = new LinkedHashMap<>();
        Set<String> unsampled = new TreeSet<>();
        PathPatternParser parser = PathPatternParser.defaultInstance;
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            if (!info.getProducesCondition().isEmpty()
                    && info.getProducesCondition().getProducibleMediaTypes().stream()
                            .noneMatch(MediaType.TEXT_HTML::isCompatibleWith)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (skipped(pattern) || FILES.contains(pattern)) {
                    continue;
                }
                PathPattern parsed = parser.parse(pattern);
                boolean variables = pattern.contains("{") || pattern.contains("*");
                boolean found = false;
                for (Sample sample : samples) {
                    String path = sample.path().split("\\?", 2)[0];
                    if (parsed.matches(PathContainer.parsePath(path))) {
                        pages.putIfAbsent(sample.path(), new Page(sample.path(), role(sample.access())));
                        found = true;
                    }
                }
                if (!variables) {
                    pages.putIfAbsent(pattern, new Page(pattern, Optional.empty()));
                } else if (!found) {
                    unsampled.add(pattern);
                }
            }
        }

        labels.missing().clear();
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        for (Page page : pages.values()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
                Optional<String> html;
                try {
                    html = render(page, locale);
                } catch (Exception e) {
                    problems.add(page.path() + " [" + locale + "] failed to render: " + e.getMessage());
                    continue;
                }
                if (html.isEmpty()) {
                    continue;
                }
                scanned++;
                for (String problem : problems(html.get(), enumNames)) {
                    problems.add(page.path() + " [" + locale + "] " + problem);
                }
            }
        }
        System.out.printf(
                "Page scan: %d pages rendered (%d addresses, EN and ES), %d routes with path variables "
                        + "without a sample address: %s%n",
                scanned, pages.size(), unsampled.size(), unsampled);
        for (String key : new TreeSet<>(labels.missing())) {
            problems.add("a code without its label: " + key);
        }
        assertThat(scanned).isGreaterThan(100);
        assertThat(problems).isEmpty();
        assertThat(unsampled)
                .as("routes with path variables and no sample address: add one to security/routes-*.csv or to"
                        + " PageScanSamples, or name the route in FILES if it answers a file")
                .isEmpty();
    }

    /** Renders the page with the first role that gets an HTML page; empty when none does (downloads, redirects). */
    private Optional<String> render(Page page, Locale locale) throws Exception {
        List<Optional<Role>> tries = new ArrayList<>();
        page.role().ifPresent(r -> tries.add(Optional.of(r)));
        tries.add(Optional.empty());
        for (Role role : Role.values()) {
            tries.add(Optional.of(role));
        }
        for (Optional<Role> role : tries) {
            MockHttpServletRequestBuilder request =
                    get(page.path()).locale(locale).accept(MediaType.TEXT_HTML);
            role.ifPresent(r -> request.with(user(r.demoUsername()).roles(r.name())));
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            String type = String.valueOf(response.getContentType());
            if (response.getStatus() == 200 && type.startsWith("text/html")) {
                return Optional.of(response.getContentAsString(StandardCharsets.UTF_8));
            }
            if (response.getStatus() == 200 || response.getStatus() == 404) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static List<String> problems(String html, Set<String> enumNames) {
        List<String> problems = new ArrayList<>();
        String text = shownText(html);
        Set<String> raw = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String t = token.group();
            if ((enumNames.contains(t) || UPPER_SNAKE.matcher(t).matches()) && !WORDS.contains(t)) {
                raw.add(t);
            }
            if (t.equals("true") || t.equals("false")) {
                raw.add(t);
            }
        }
        if (!raw.isEmpty()) {
            problems.add("raw codes " + raw);
        }
        Matcher date = ISO_DATE.matcher(text);
        Set<String> dates = new LinkedHashSet<>();
        while (date.find()) {
            if (dates.isEmpty()) {
                // the first one with its surroundings, to find it in the template
                dates.add("«"
                        + text.substring(Math.max(0, date.start() - 40), Math.min(text.length(), date.end() + 20))
                                .replaceAll("\\s+", " ")
                        + "»");
            }
            dates.add(date.group());
        }
        if (!dates.isEmpty()) {
            problems.add("ISO dates " + dates);
        }
        if (text.contains("¤")) {
            problems.add("the currency placeholder ¤");
        }
        return problems;
    }

    /** The text a person reads: element text and the attributes shown as text, without scripts and styles. */
    static String shownText(String html) {
        String body = html.replaceAll("(?is)<script\\b.*?</script>", " ")
                .replaceAll("(?is)<style\\b.*?</style>", " ")
                .replaceAll("(?is)<code\\b.*?</code>", " ")
                // what is being edited, and text shown as it was recorded (minutes people wrote, the summaries
                // of a member's change history): stored records, not codes the page writes
                .replaceAll("(?is)<textarea\\b.*?</textarea>", " ")
                .replaceAll("(?is)<(\\w+)\\b[^>]*\\sdata-as-recorded\\b[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<!--.*?-->", " ");
        StringBuilder shown = new StringBuilder();
        Matcher attribute = SHOWN_ATTRIBUTE.matcher(body);
        while (attribute.find()) {
            shown.append(' ').append(attribute.group(1));
        }
        shown.append(' ').append(body.replaceAll("(?s)<[^>]*>", " "));
        return shown.toString()
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    private static boolean skipped(String pattern) {
        for (String prefix : SKIPPED_PREFIXES) {
            if (pattern.equals(prefix) || pattern.startsWith(prefix + "/") || pattern.startsWith(prefix + ".")) {
                return true;
            }
        }
        return pattern.matches(".*\\.(csv|xlsx|pdf|ics|json|ndjson|png|svg|css|js|txt|xml|zip)$");
    }

    private static Optional<Role> role(String access) {
        if (access.equals("public")) {
            return Optional.empty();
        }
        if (access.equals("authenticated")) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.of(Role.valueOf(access.split("\\s+")[0]));
    }

    static List<Sample> samples() throws Exception {
        return RouteAccessMatrixIntegrationTests.routes().stream()
                .filter(r -> r.method() == HttpMethod.GET && !skipped(r.path().split("\\?", 2)[0]))
                .map(r -> new Sample(r.path(), r.access()))
                .toList();
    }

    /** The constant names of every enum of the application: what a raw code looks like on a page. */
    static Set<String> enumConstants() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName()));
        Set<String> names = new TreeSet<>();
        for (var definition : scanner.findCandidateComponents("org.commonweal")) {
            if (IDENTIFIER_ENUMS.contains(definition.getBeanClassName())) {
                continue;
            }
            Class<?> type = Class.forName(definition.getBeanClassName());
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                if (name.matches("[A-Z][A-Z0-9_]+") && name.length() > 1) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
