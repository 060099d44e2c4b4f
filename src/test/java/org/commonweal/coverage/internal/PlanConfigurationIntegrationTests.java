package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.ImportReport;
import org.commonweal.coverage.x12.ImportStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Plan configuration as data: the CSV file, the ADMIN page, and re-applying members refused for the configuration. */
@IntegrationTest
class PlanConfigurationIntegrationTests {

    @Autowired
    PlanConfiguration configuration;

    @Autowired
    Enrollment834Import importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    private final String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));

    private String resource(String path) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@@@@@@", run)
                    .replace("#########", "7" + run + "01");
        }
    }

    private List<String> spans(String memberId) {
        return jdbc.sql(
                        "select plan_code || ' ' || begin_date || ' ' || status || ' ' || array_to_string(aid_codes, ',') "
                                + "from coverage.enrollment_span where member_id = ? order by begin_date")
                .param(memberId)
                .query(String.class)
                .list();
    }

    @Test
    void membersRefusedForAnUnknownPlanCodeAreListedByReasonAndReappliedOnceItIsAdded() throws Exception {
        Path file = dir.resolve("unknown-plan.834");
        Files.writeString(file, resource("/coverage/x12/834/07-unknown-plan-code.834"));
        ImportReport first = importer.importFile(file, "unknown-plan.834", "test", false, r -> {});
        assertThat(first.adds()).isEqualTo(1);
        assertThat(first.rejects()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from coverage.member where member_id in (?, ?)")
                        .params("Q" + run + "21", "Q" + run + "22")
                        .query(Integer.class)
                        .single())
                .isZero();
        String reason = "HD04 plan code X" + run;
        assertThat(importer.configurationRejects()).anySatisfy(w -> {
            assertThat(w.reason()).isEqualTo(reason);
            assertThat(w.loops()).isEqualTo(2);
            assertThat(w.members()).containsExactly("Q" + run + "21", "Q" + run + "22");
        });

        int rows = configuration.importCsv(
                new StringReader(resource("/coverage/config/01-new-plan-code.csv")), "admin-test");
        assertThat(rows).isEqualTo(4);
        ImportReport again = importer.reapply(reason, "admin-test");

        assertThat(again.status()).isEqualTo(ImportStatus.COMPLETED);
        org.commonweal.coverage.x12.Ack999Validator.assertValid(first.ack999());
        org.commonweal.coverage.x12.Ack999Validator.assertValid(again.ack999());
        assertThat(again.adds()).isEqualTo(2);
        assertThat(again.rejects()).isZero();
        assertThat(spans("Q" + run + "21")).containsExactly("X" + run + " 2026-12-01 active ");
        assertThat(spans("Q" + run + "22")).containsExactly("X" + run + " 2026-12-01 active M1");
        assertThat(jdbc.sql("select cin from coverage.member where member_id = ?")
                        .param("Q" + run + "22")
                        .query(String.class)
                        .single())
                .isEqualTo("8" + run + "22");
        assertThat(importer.configurationRejects()).noneMatch(w -> w.reason().equals(reason));
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'coverage-config' "
                                + "and entity_id = ? and username = 'admin-test'")
                        .param("plan:X" + run)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select character_set from coverage.trading_partner where isa_id = ?")
                        .param("CLINIC" + run)
                        .query(String.class)
                        .single())
                .isEqualTo("utf-8");
    }

    @Test
    void aConfigurationFileWithMistakesChangesNothingAndNamesEachLineAndField() throws Exception {
        assertThatThrownBy(() -> configuration.importCsv(
                        new StringReader(resource("/coverage/config/02-invalid.csv")), "admin-test"))
                .isInstanceOfSatisfying(
                        PlanConfiguration.InvalidConfiguration.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.line() + " " + p.field() + " " + p.key())
                                .containsExactly(
                                        "2 product line coverage.config.error.productLine",
                                        "3 fields coverage.config.error.fields",
                                        "4 ISA qualifier coverage.config.error.qualifier",
                                        "4 transaction sets coverage.config.error.set",
                                        "4 character set coverage.config.error.charset",
                                        "5 kind coverage.config.error.kind"));
        assertThat(jdbc.sql("select count(*) from coverage.plan where plan_code = ?")
                        .param("Y" + run)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Autowired
    ImportPlanConfigCommand command;

    @Test
    void theImportPlanConfigCommandAppliesAGoodFileAndRefusesABadOneWholeNamingLineAndField() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, resource("/coverage/config/02-invalid.csv"));
        var err = new java.io.ByteArrayOutputStream();
        var stderr = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status =
                    command.run(org.commonweal.platform.CommandArgs.parse(List.of(bad.toString()), Set.of(), Set.of()));
        } finally {
            System.setErr(stderr);
        }
        assertThat(status).isEqualTo(org.commonweal.platform.ImportCommand.Exit.REFUSED.code());
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("line 2, product line: product line 'NOPE".replace("NOPE", "NOSUCHLINE"))
                .contains("line 5, kind: 'fruit' is not product_line, plan, aid_code, county or partner")
                .contains("nothing applied");

        Path good = dir.resolve("good.csv");
        Files.writeString(good, "plan,V" + run + ",LACC,Covered test plan\n");
        assertThat(command.run(org.commonweal.platform.CommandArgs.parse(List.of(good.toString()), Set.of(), Set.of())))
                .isZero();
        assertThat(jdbc.sql("select product_line from coverage.plan where plan_code = ?")
                        .param("V" + run)
                        .query(String.class)
                        .single())
                .isEqualTo("LACC");
    }

    @Test
    void theAdminPageEditsARowAuditedAndIsForAdminsOnly() throws Exception {
        mvc.perform(get("/admin/coverage/configuration").with(user("ms").roles("MEMBER_SERVICES")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/coverage/configuration/rows")
                        .with(user("boss").roles("ADMIN"))
                        .with(csrf())
                        .param("kind", "plan")
                        .param("value", "Z" + run, "MCLA", "Página plan", "", "", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select name from coverage.plan where plan_code = ?")
                        .param("Z" + run)
                        .query(String.class)
                        .single())
                .isEqualTo("Página plan");
        String page = mvc.perform(get("/admin/coverage/configuration")
                        .with(user("boss").roles("ADMIN"))
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Configuración del plan").contains("Z" + run);
        String refused = mvc.perform(post("/admin/coverage/configuration/rows")
                        .with(user("boss").roles("ADMIN"))
                        .with(csrf())
                        .param("kind", "plan")
                        .param("value", "W" + run, "NOPE", "x"))
                .andReturn()
                .getFlashMap()
                .get("problems")
                .toString();
        assertThat(refused).contains("line 1, product line: product line 'NOPE' does not exist");
    }
}
