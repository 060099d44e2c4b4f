package org.commonweal.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.commonweal.IntegrationTest;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPerson;
import org.commonweal.demo.DemoScale;
import org.commonweal.geography.Geography;
import org.commonweal.platform.PlanIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The framework with a generator of its own: COPY loading, determinism by seed, reset on re-run, scale. */
@IntegrationTest
class DemoDatasetsIntegrationTests {

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

    final String table =
            "demo.t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    class PeopleGenerator implements DemoDataGenerator {
        final String name = "people-" + table;

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
            var random = context.random("people");
            long count = context.scale().pick(2_000, 20_000);
            return context.copy(
                    table, List.of("first_name", "last_name", "birth_date", "language", "zip", "note"), rows -> {
                        for (int i = 0; i < count; i++) {
                            DemoPerson p = context.people().person(random);
                            rows.row(
                                    p.firstName(),
                                    p.lastName(),
                                    p.birthDate(),
                                    p.language(),
                                    p.zip().zip(),
                                    i == 0 ? "tab\there, newline\nthere, back\\slash" : null);
                        }
                    });
        }
    }

    @Test
    void generatesDeterministicallyWithCopyAndResetsBeforeARerun() throws Exception {
        jdbc.sql("create table " + table + " (first_name text, last_name text, birth_date date, language text, "
                        + "zip text, note text)")
                .update();
        var generator = new PeopleGenerator();
        var beans = new StaticListableBeanFactory(Map.of("g", generator));
        var datasets = new DemoDatasets(
                beans.getBeanProvider(DemoDataGenerator.class), jdbc, dataSource, geography, plan, transactions);

        var first = datasets.run(generator, DemoScale.SMALL, 42);
        assertThat(first.rows()).isEqualTo(2_000);
        String digest1 = digest();
        assertThat(jdbc.sql("select note from " + table + " where note is not null")
                        .query(String.class)
                        .single())
                .isEqualTo("tab\there, newline\nthere, back\\slash");

        datasets.run(generator, DemoScale.SMALL, 42);
        assertThat(count()).isEqualTo(2_000);
        assertThat(digest()).isEqualTo(digest1);

        datasets.run(generator, DemoScale.SMALL, 43);
        assertThat(digest()).isNotEqualTo(digest1);
        assertThat(datasets.generated(generator.name()))
                .get()
                .extracting(DemoDatasets.Generated::seed)
                .isEqualTo(43L);
    }

    @Test
    void peopleLookLikeLosAngelesCounty() throws Exception {
        jdbc.sql("create table " + table + " (first_name text, last_name text, birth_date date, language text, "
                        + "zip text, note text)")
                .update();
        var generator = new PeopleGenerator();
        var datasets = new DemoDatasets(
                new StaticListableBeanFactory(Map.of("g", generator)).getBeanProvider(DemoDataGenerator.class),
                jdbc,
                dataSource,
                geography,
                plan,
                transactions);
        datasets.run(generator, DemoScale.SMALL, 7);
        Map<String, Long> languages = jdbc
                .sql("select language, count(*) from " + table + " group by language")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long total = languages.values().stream().mapToLong(Long::longValue).sum();
        assertThat(languages.get("es") * 100 / total).isBetween(20L, 40L);
        assertThat(languages.get("en") * 100 / total).isBetween(45L, 75L);
        assertThat(languages.keySet())
                .allSatisfy(code -> assertThat(geography.language(code)).isPresent());
        assertThat(jdbc.sql("select count(*) from " + table + " where birth_date > ?")
                                .param(LocalDate.now().minusYears(19))
                                .query(Long.class)
                                .single()
                        * 100
                        / total)
                .isBetween(28L, 44L);
        // every ZIP drawn is a real one of the county
        assertThat(jdbc.sql("select count(distinct zip) from " + table)
                        .query(Long.class)
                        .single())
                .isGreaterThan(150);
    }

    @Test
    void copyRejectsAWrongNumberOfValuesAndWritesNothing() {
        jdbc.sql("create table " + table + " (a text, b text)").update();
        var context = new SeededDemoContext(DemoScale.SMALL, 1, null, jdbc, dataSource);
        assertThatThrownBy(() -> context.copy(table, List.of("a", "b"), rows -> {
                    rows.row("1", "2");
                    rows.row("only one");
                }))
                .hasMessageContaining("row has 1 values for 2 columns");
        assertThat(count()).isZero();
    }

    private long count() {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private String digest() {
        return jdbc.sql("select md5(string_agg(concat_ws('|', first_name, last_name, birth_date, language, zip), ',' "
                        + "order by first_name, last_name, birth_date, zip)) from " + table)
                .query(String.class)
                .single();
    }
}
