package org.commonweal.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.Sample834;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoScale;
import org.commonweal.geography.Geography;
import org.commonweal.network.fhir.PlanNetImport;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.RuntimeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Demo data never replaces real data: rows a generator did not write (imported before the first start, entered by
 * users after it) keep a module's demo data from loading on start, and {@code generate} from resetting it unless
 * {@code --force} is confirmed.
 */
@IntegrationTest
class DemoLeavesRealDataAloneIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Geography geography;

    @Autowired
    PlanIdentity plan;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    RuntimeMode mode;

    @Autowired
    DemoDatasets realDatasets;

    @Autowired
    Enrollment834Import enrollment;

    @Autowired
    PlanNetImport planNet;

    @TempDir
    Path dir;

    final String table =
            "demo.r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** Writes 50 rows into its own table. */
    class FiftyRows implements DemoDataGenerator {
        final String name = "fifty-" + table;

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> tables() {
            return List.of(table);
        }

        @Override
        public void reset(DemoContext context) {
            context.jdbc().sql("truncate " + table).update();
        }

        @Override
        public long generate(DemoContext context) {
            return context.copy(table, List.of("note"), rows -> {
                for (int i = 0; i < 50; i++) {
                    rows.row("demo " + i);
                }
            });
        }
    }

    private long count(String where) {
        return jdbc.sql("select count(*) from " + table + " where " + where)
                .query(Long.class)
                .single();
    }

    private int generate(GenerateCommand command, String stdin, ByteArrayOutputStream out, String... args)
            throws Exception {
        PrintStream stdout = System.out;
        InputStream stdinBefore = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.run(
                    CommandArgs.parse(List.of(args), Set.of("scale", "seed", "only"), Set.of("force", "yes")));
        } finally {
            System.setOut(stdout);
            System.setIn(stdinBefore);
        }
    }

    @Test
    void rowsWrittenByOthersAreLeftAloneUntilForceIsConfirmed() throws Exception {
        jdbc.sql("create table " + table + " (note text)").update();
        jdbc.sql("insert into " + table + " values ('imported 1'), ('imported 2'), ('imported 3')")
                .update();
        var generator = new FiftyRows();
        var datasets = new DemoDatasets(
                new StaticListableBeanFactory(Map.of("g", generator)).getBeanProvider(DemoDataGenerator.class),
                jdbc,
                dataSource,
                geography,
                plan,
                transactions);
        assertThat(datasets.rows(generator)).containsExactly(new DemoDatasets.TableRows(table, 3, 3));

        // the first start after an import: the module is left alone
        new DemoLoader(datasets, mode, true, "small", 2026).run(null);
        assertThat(count("note like 'imported%'")).isEqualTo(3);
        assertThat(count("true")).isEqualTo(3);
        assertThat(datasets.generated(generator.name())).isEmpty();
        assertThatThrownBy(() -> datasets.run(generator, DemoScale.SMALL, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(table + ": 3 rows");

        var command = new GenerateCommand(datasets, mode);
        var out = new ByteArrayOutputStream();
        assertThat(generate(command, "", out, "--only", generator.name())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("refused, left alone", table + ": 3 rows");
        assertThat(count("true")).isEqualTo(3);

        // --force lists what it deletes and asks; no answer is no
        out.reset();
        assertThat(generate(command, "", out, "--only", generator.name(), "--force"))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "deletes every row",
                        table,
                        "3 rows (3 not written by the demo generator)",
                        "Type yes",
                        "not confirmed, left alone");
        assertThat(count("true")).isEqualTo(3);

        out.reset();
        assertThat(generate(command, "yes\n", out, "--only", generator.name(), "--force"))
                .isEqualTo(0);
        assertThat(count("note like 'imported%'")).isZero();
        assertThat(count("note like 'demo%'")).isEqualTo(50);
        assertThat(datasets.rows(generator)).containsExactly(new DemoDatasets.TableRows(table, 0, 50));

        // its own rows only: it may rebuild at another scale without --force
        out.reset();
        assertThat(generate(command, "", out, "--only", generator.name(), "--scale", "full"))
                .isEqualTo(0);
        assertThat(datasets.generated(generator.name()).orElseThrow().scale()).isEqualTo("full");

        // a user adds one row and corrects another: both are theirs now
        jdbc.sql("insert into " + table + " values ('entered by a user')").update();
        jdbc.sql("update " + table + " set note = 'corrected' where note = 'demo 7'")
                .update();
        assertThat(datasets.rows(generator)).containsExactly(new DemoDatasets.TableRows(table, 2, 51));
        out.reset();
        assertThat(generate(command, "", out, "--only", generator.name(), "--scale", "small"))
                .isEqualTo(1);
        assertThat(count("note in ('entered by a user', 'corrected')")).isEqualTo(2);

        out.reset();
        assertThat(generate(command, "", out, "--only", generator.name(), "--force", "--yes"))
                .isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("51 rows (2 not written by the demo generator)");
        assertThat(count("true")).isEqualTo(50);
    }

    @Test
    void anImported834AndPlanNetDirectoryOutliveTheFirstStart() throws Exception {
        String run = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String memberId = "K" + run + "A";
        Path file = dir.resolve("members.834");
        Files.writeString(
                file,
                new Sample834()
                        .control("7" + run + "00")
                        .member("021", memberId, "8" + run + "K", "ORTEGA", "LUZ", "LA1", "20260101", null)
                        .text());
        assertThat(enrollment
                        .importFile(file, "members.834", "test", false, r -> {})
                        .adds())
                .isEqualTo(1);
        Path plannet = dir.resolve("Organization.ndjson");
        String orgId = "kept-" + run;
        Files.writeString(
                plannet,
                "{\"resourceType\":\"Organization\",\"id\":\"" + orgId + "\",\"active\":true,"
                        + "\"type\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/"
                        + "OrgTypeCS\",\"code\":\"prvgrp\"}]}],\"name\":\"Kept Medical Group\"}\n");
        assertThat(planNet.importPath(plannet, "test").applied()).isEqualTo(1);

        // as on the first start after these imports: coverage and network have no demo data recorded yet
        var saved = jdbc.sql("select generator, scale, seed, rows_written, millis from demo.generated"
                        + " where generator in ('coverage', 'network')")
                .query()
                .listOfRows();
        jdbc.sql("delete from demo.generated where generator in ('coverage', 'network')")
                .update();
        try {
            new DemoLoader(realDatasets, mode, true, "small", 2026).run(null);

            assertThat(jdbc.sql("select count(*) from coverage.member where member_id = ?")
                            .param(memberId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from coverage.import_file where file_name = 'members.834'")
                            .query(Long.class)
                            .single())
                    .isPositive();
            assertThat(jdbc.sql("select name from network.organization where id = ?")
                            .param(orgId)
                            .query(String.class)
                            .single())
                    .isEqualTo("Kept Medical Group");
            assertThat(realDatasets.generated("coverage")).isEmpty();
            assertThat(realDatasets.generated("network")).isEmpty();
        } finally {
            for (var row : saved) {
                jdbc.sql("insert into demo.generated (generator, scale, seed, rows_written, millis)"
                                + " values (:generator, :scale, :seed, :rows_written, :millis) on conflict do nothing")
                        .params(row)
                        .update();
            }
        }
    }
}
