package org.commonweal.coverage.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.TradingPartners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan's configuration as data: product lines, plan codes (834 HD04), aid codes, counties and trading partners.
 * Edited row by row on the ADMIN page or loaded from a CSV file ({@code import-plan-config}); every change is
 * audited, and a file is applied whole or not at all, with every problem named by line and field.
 *
 * <p>CSV lines (a header line and lines starting with {@code #} are skipped; fields may be quoted):
 * <pre>
 * product_line,CODE,name,payer name,member phone,nurse phone,medicaid (true|false)
 * plan,PLAN CODE,PRODUCT LINE CODE,name
 * aid_code,CODE,description
 * county,CODE,name
 * partner,ISA QUALIFIER,ISA ID,name,transaction sets (834;270),character set (basic|extended|utf-8)
 * id_card,PRODUCT LINE CODE,Rx BIN,Rx PCN,Rx group,Rx phone,behavioral health phone,transportation phone,TTY
 * </pre>
 * An {@code id_card} line sets what the member ID card prints for a product line (#22); every field after the code
 * may be empty (the card then says to call member services).
 */
@Service
public class PlanConfiguration {

    static final Set<String> CHARACTER_SETS = Set.of("basic", "extended", "utf-8");
    static final Set<String> TRANSACTION_SETS = Set.of("834", "270", "276", "278", "820", "837");
    private static final Map<String, Integer> FIELDS =
            Map.of("product_line", 7, "plan", 4, "aid_code", 3, "county", 3, "partner", 6, "id_card", 9);

    /** A problem of one line, as a message key with its arguments (line, field, value). */
    public record Problem(int line, String field, String key, String value) {}

    /** The configuration was not changed: these lines are wrong. */
    public static final class InvalidConfiguration extends RuntimeException {

        private final transient List<Problem> problems;

        InvalidConfiguration(List<Problem> problems) {
            super(problems.size() + " problem(s), first: line "
                    + problems.get(0).line() + " " + problems.get(0).field() + " '"
                    + problems.get(0).value() + "' (" + problems.get(0).key() + ")");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public record Row(String kind, List<String> values) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final TradingPartners partners;
    private final Enrollment834Import importer;

    PlanConfiguration(
            JdbcClient jdbc,
            DataSource dataSource,
            AuditTrail audit,
            TradingPartners partners,
            Enrollment834Import importer) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.audit = audit;
        this.partners = partners;
        this.importer = importer;
    }

    /** Everything configured, as CSV rows in the file's format (so the page shows what a file would say). */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        jdbc.sql("select code, name, payer_name, member_phone, coalesce(nurse_phone, ''), medicaid::text "
                        + "from coverage.product_line order by sort_order, code")
                .query((rs, n) -> rows.add(new Row(
                        "product_line",
                        List.of(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6)))))
                .list();
        jdbc.sql("select plan_code, product_line, name from coverage.plan order by plan_code")
                .query((rs, n) -> rows.add(new Row("plan", List.of(rs.getString(1), rs.getString(2), rs.getString(3)))))
                .list();
        jdbc.sql("select aid_code, description from coverage.aid_code order by aid_code")
                .query((rs, n) -> rows.add(new Row("aid_code", List.of(rs.getString(1), rs.getString(2)))))
                .list();
        jdbc.sql("select code, name from coverage.county order by code")
                .query((rs, n) -> rows.add(new Row("county", List.of(rs.getString(1), rs.getString(2)))))
                .list();
        jdbc.sql("select code, coalesce(rx_bin, ''), coalesce(rx_pcn, ''), coalesce(rx_group, ''),"
                        + " coalesce(rx_phone, ''), coalesce(behavioral_phone, ''), coalesce(transport_phone, ''),"
                        + " coalesce(tty_phone, '') from coverage.product_line order by sort_order, code")
                .query((rs, n) -> rows.add(new Row(
                        "id_card",
                        List.of(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8)))))
                .list();
        for (var p : partners.all()) {
            rows.add(new Row(
                    "partner",
                    List.of(
                            p.isaQualifier(),
                            p.isaId(),
                            p.name(),
                            String.join(";", p.transactionSets()),
                            p.characterSet())));
        }
        return rows;
    }

    /** Reads and applies a CSV file in one transaction; returns the number of rows written. */
    public int importCsv(Reader in, String actor) throws IOException {
        List<String[]> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (var reader = new BufferedReader(in)) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || n == 1 && trimmed.startsWith("kind,")) {
                    continue;
                }
                lines.add(split(trimmed));
                numbers.add(n);
            }
        }
        return apply(lines, numbers, actor);
    }

    /** One row, from the ADMIN page: the same fields and checks as a CSV line. */
    public void save(String kind, List<String> values, String actor) {
        int n = values.size();
        while (n > 0 && (values.get(n - 1) == null || values.get(n - 1).isBlank())) {
            n--;
        }
        String[] fields = new String[n + 1];
        fields[0] = kind;
        for (int i = 0; i < n; i++) {
            fields[i + 1] = values.get(i) == null ? "" : values.get(i).strip();
        }
        apply(List.<String[]>of(fields), List.of(1), actor);
    }

    private int apply(List<String[]> lines, List<Integer> numbers, String actor) {
        List<Problem> problems = new ArrayList<>();
        Set<String> productLines = new HashSet<>(jdbc.sql("select code from coverage.product_line")
                .query(String.class)
                .list());
        for (int i = 0; i < lines.size(); i++) {
            check(lines.get(i), numbers.get(i), productLines, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        tx.executeWithoutResult(s -> {
            for (String[] f : lines) {
                write(f);
                audit.recordAs(
                        actor,
                        AuditEntry.change(
                                AuditAction.UPDATE,
                                "coverage-config",
                                f[0] + ":" + f[1] + (f[0].equals("partner") ? "/" + f[2] : ""),
                                null,
                                "plan configuration",
                                String.join(",", f)));
            }
        });
        partners.changed();
        importer.configurationChanged();
        return lines.size();
    }

    /** No configuration value (names, descriptions, codes) is longer than this (#18: lengths on every field). */
    static final int MAX_FIELD = 200;

    private static void check(String[] f, int line, Set<String> productLines, List<Problem> problems) {
        Integer expected = FIELDS.get(f[0]);
        if (expected == null) {
            problems.add(new Problem(
                    line,
                    "kind",
                    "coverage.config.error.kind",
                    f[0].length() > 30 ? f[0].substring(0, 30) + "…" : f[0]));
            return;
        }
        if (f.length != expected) {
            problems.add(new Problem(line, "fields", "coverage.config.error.fields", String.valueOf(f.length)));
            return;
        }
        for (int i = 1; i < f.length; i++) {
            boolean optional = f[0].equals("product_line") && i == 5 || f[0].equals("id_card") && i > 1;
            if (f[i].isBlank() && !optional) {
                problems.add(new Problem(line, "field " + (i + 1), "coverage.config.error.required", ""));
            } else if (f[i].length() > MAX_FIELD) {
                problems.add(new Problem(
                        line, "field " + (i + 1), "coverage.config.error.length", String.valueOf(MAX_FIELD)));
            }
        }
        switch (f[0]) {
            case "product_line" -> {
                productLines.add(f[1]);
                if (!f[6].equals("true") && !f[6].equals("false")) {
                    problems.add(new Problem(line, "medicaid", "coverage.config.error.boolean", f[6]));
                }
            }
            case "plan" -> {
                if (!productLines.contains(f[2])) {
                    problems.add(new Problem(line, "product line", "coverage.config.error.productLine", f[2]));
                }
                if (f[1].contains(";") || f[1].length() > 50) {
                    problems.add(new Problem(line, "plan code", "coverage.config.error.planCode", f[1]));
                }
            }
            case "partner" -> {
                if (f[1].length() != 2) {
                    problems.add(new Problem(line, "ISA qualifier", "coverage.config.error.qualifier", f[1]));
                }
                if (f[2].length() > 15) {
                    problems.add(new Problem(line, "ISA id", "coverage.config.error.isaId", f[2]));
                }
                for (String set : f[4].split(";")) {
                    if (!TRANSACTION_SETS.contains(set.strip())) {
                        problems.add(new Problem(line, "transaction sets", "coverage.config.error.set", set));
                    }
                }
                if (!CHARACTER_SETS.contains(f[5])) {
                    problems.add(new Problem(line, "character set", "coverage.config.error.charset", f[5]));
                }
            }
            case "id_card" -> {
                if (!productLines.contains(f[1])) {
                    problems.add(new Problem(line, "product line", "coverage.config.error.productLine", f[1]));
                }
                if (!f[2].isBlank() && !f[2].matches("[0-9]{6}")) {
                    problems.add(new Problem(line, "Rx BIN", "coverage.config.error.bin", f[2]));
                }
                if (f[3].length() > 10) {
                    problems.add(new Problem(line, "Rx PCN", "coverage.config.error.length", "10"));
                }
                if (f[4].length() > 15) {
                    problems.add(new Problem(line, "Rx group", "coverage.config.error.length", "15"));
                }
                for (int i = 5; i < 9; i++) {
                    if (f[i].length() > 30) {
                        problems.add(new Problem(line, "field " + (i + 1), "coverage.config.error.length", "30"));
                    }
                }
            }
            default -> {
                // aid codes and counties: code and text only
            }
        }
    }

    private void write(String[] f) {
        switch (f[0]) {
            case "product_line" ->
                jdbc.sql("""
                    insert into coverage.product_line (code, name, payer_name, member_phone, nurse_phone, medicaid,
                        sort_order)
                    values (?, ?, ?, ?, nullif(?, ''), ?, (select coalesce(max(sort_order), 0) + 1
                                                          from coverage.product_line))
                    on conflict (code) do update set name = excluded.name, payer_name = excluded.payer_name,
                        member_phone = excluded.member_phone, nurse_phone = excluded.nurse_phone,
                        medicaid = excluded.medicaid""")
                        .params(f[1], f[2], f[3], f[4], f[5], Boolean.parseBoolean(f[6]))
                        .update();
            case "plan" -> jdbc.sql("""
                    insert into coverage.plan (plan_code, product_line, name) values (?, ?, ?)
                    on conflict (plan_code) do update set product_line = excluded.product_line,
                        name = excluded.name""").params(f[1], f[2], f[3]).update();
            case "aid_code" -> jdbc.sql("""
                    insert into coverage.aid_code (aid_code, description) values (?, ?)
                    on conflict (aid_code) do update set description = excluded.description""").params(f[1], f[2]).update();
            case "county" -> jdbc.sql("""
                    insert into coverage.county (code, name) values (?, ?)
                    on conflict (code) do update set name = excluded.name""").params(f[1], f[2]).update();
            case "id_card" ->
                jdbc.sql("""
                    update coverage.product_line set rx_bin = nullif(?, ''), rx_pcn = nullif(?, ''),
                        rx_group = nullif(?, ''), rx_phone = nullif(?, ''), behavioral_phone = nullif(?, ''),
                        transport_phone = nullif(?, ''), tty_phone = nullif(?, '') where code = ?""")
                        .params(f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[1])
                        .update();
            default ->
                jdbc.sql("""
                    insert into coverage.trading_partner (isa_qualifier, isa_id, name, transaction_sets,
                        character_set)
                    values (?, ?, ?, string_to_array(?, ';'), ?)
                    on conflict (isa_qualifier, isa_id) do update set name = excluded.name,
                        transaction_sets = excluded.transaction_sets, character_set = excluded.character_set,
                        updated_at = now()""")
                        .params(f[1], f[2], f[3], f[4].replace(" ", ""), f[5])
                        .update();
        }
    }

    /** One CSV line: comma-separated, double quotes around a field that holds commas, "" for a quote. */
    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString().strip());
        return out.toArray(String[]::new);
    }
}
