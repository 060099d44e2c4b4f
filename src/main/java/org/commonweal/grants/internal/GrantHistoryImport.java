package org.commonweal.grants.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.audit.AuditAction;
import org.commonweal.geography.Geography;
import org.commonweal.grants.lifecycle.Ein;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.platform.StorableText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a grants history from CSV (layout in docs/grants.md): one award per row, organizations de-duplicated by
 * EIN, an optional amount already paid recorded as a paid tranche. Every bad row is reported with its line, field and
 * reason; good rows are applied, each in its own transaction.
 */
@Component
class GrantHistoryImport {

    static final List<String> COLUMNS = List.of(
            "award_number",
            "program_code",
            "organization_ein",
            "organization_name",
            "organization_type",
            "zip",
            "spa",
            "title",
            "amount",
            "awarded_on",
            "starts_on",
            "ends_on",
            "status",
            "amount_paid");

    /** Amounts are {@code numeric(14, 2)}: twelve digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    record Result(int imported, int duplicates, List<String> errors) {}

    record Row(
            String awardNumber,
            long programId,
            Ein ein,
            String orgName,
            String orgType,
            String zip,
            Integer spa,
            String title,
            BigDecimal amount,
            LocalDate awardedOn,
            LocalDate startsOn,
            LocalDate endsOn,
            String status,
            BigDecimal paid) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final GrantsAudit audit;
    private final Geography.Range spas;

    @Autowired
    GrantHistoryImport(JdbcClient jdbc, TransactionTemplate tx, GrantsAudit audit, Geography geography) {
        this(jdbc, tx, audit, geography.servicePlanningAreaNumbers());
    }

    /** {@code spas}: the plan's Service Planning Area numbers (a process without the application context). */
    GrantHistoryImport(JdbcClient jdbc, TransactionTemplate tx, GrantsAudit audit, Geography.Range spas) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.spas = spas;
    }

    Result importCsv(Reader source, String actor) throws IOException {
        Map<String, Long> programs = new HashMap<>();
        jdbc.sql("select code, id from grants.program").query(rs -> {
            programs.put(rs.getString(1), rs.getLong(2));
        });
        List<String> errors = new ArrayList<>();
        int[] counts = {0, 0};
        try (BufferedReader in = new BufferedReader(source)) {
            if (!read(in, programs, spas, errors, (number, row) -> {
                Boolean inserted = tx.execute(status -> insert(row));
                if (Boolean.TRUE.equals(inserted)) {
                    counts[0]++;
                } else {
                    counts[1]++;
                    errors.add("line " + number + ": award_number: " + row.awardNumber() + " already exists, skipped");
                }
            })) {
                return new Result(0, 0, errors);
            }
        }
        int imported = counts[0];
        int duplicates = counts[1];
        audit.change(
                actor,
                AuditAction.IMPORT,
                "grant-award",
                null,
                "import: " + imported + " awards, " + duplicates + " duplicates, " + errors.size() + " rows reported");
        return new Result(imported, duplicates, errors);
    }

    /** What becomes of each valid row: its line number and the row. */
    interface Rows {
        void row(int line, Row row);
    }

    /**
     * Reads a grants history: the header (exactly {@link #COLUMNS}), then each row, checked field by field; a bad row
     * is added to {@code errors} as "line N: field: reason", a valid one handed to {@code rows}. False when the header
     * is wrong (then no row is read). {@code spas}: the Service Planning Area numbers the plan has.
     */
    static boolean read(
            BufferedReader in, Map<String, Long> programs, Geography.Range spas, List<String> errors, Rows rows)
            throws IOException {
        String header = in.readLine();
        if (header == null || !parse(header.replace("\uFEFF", "")).equals(COLUMNS)) {
            errors.add("line 1: header must be " + String.join(",", COLUMNS));
            return false;
        }
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Row row;
            try {
                row = row(parse(line), programs, spas);
            } catch (GrantRuleViolation bad) {
                errors.add("line " + number + ": " + bad.getMessage());
                continue;
            }
            rows.row(number, row);
        }
        return true;
    }

    static Row row(List<String> f, Map<String, Long> programs, Geography.Range spas) {
        if (f.size() != COLUMNS.size()) {
            throw new GrantRuleViolation("expected " + COLUMNS.size() + " fields, found " + f.size());
        }
        for (int i = 0; i < f.size(); i++) {
            String unstorable = StorableText.problem(f.get(i));
            if (unstorable != null) {
                throw new GrantRuleViolation(COLUMNS.get(i) + ": " + unstorable);
            }
        }
        String number = required(f, 0);
        Long program = programs.get(required(f, 1));
        if (program == null) {
            throw new GrantRuleViolation(
                    "program_code: unknown program '" + f.get(1) + "' (known: " + programs.keySet() + ")");
        }
        Ein ein;
        try {
            ein = Ein.parse(f.get(2));
        } catch (GrantRuleViolation e) {
            throw new GrantRuleViolation("organization_ein: " + e.getMessage());
        }
        String type = required(f, 4);
        if (!OrganizationRegistry.TYPES.contains(type)) {
            throw new GrantRuleViolation("organization_type: must be one of " + OrganizationRegistry.TYPES);
        }
        Integer spa = null;
        if (!f.get(6).isBlank()) {
            spa = intField(f, 6);
            if (spa < spas.first() || spa > spas.last()) {
                throw new GrantRuleViolation("spa: must be " + spas.first() + " to " + spas.last());
            }
        }
        BigDecimal amount = money(f, 8, true);
        LocalDate awarded = date(f, 9);
        LocalDate starts = f.get(10).isBlank() ? awarded : date(f, 10);
        LocalDate ends = f.get(11).isBlank() ? starts.plusYears(1).minusDays(1) : date(f, 11);
        if (ends.isBefore(starts)) {
            throw new GrantRuleViolation("ends_on: " + ends + " is before starts_on " + starts);
        }
        if (awarded.getYear() < 2000 || awarded.isAfter(LocalDate.now())) {
            throw new GrantRuleViolation("awarded_on: " + awarded + " is outside 2000 to today");
        }
        String status = f.get(12).isBlank() ? "CLOSED" : f.get(12).trim().toUpperCase();
        if (!status.equals("ACTIVE") && !status.equals("CLOSED")) {
            throw new GrantRuleViolation("status: must be ACTIVE or CLOSED");
        }
        BigDecimal paid = f.get(13).isBlank() ? BigDecimal.ZERO : money(f, 13, false);
        if (paid.compareTo(amount) > 0) {
            throw new GrantRuleViolation("amount_paid: " + paid + " is more than the amount awarded " + amount);
        }
        return new Row(
                number,
                program,
                ein,
                required(f, 3),
                type,
                f.get(5).trim(),
                spa,
                required(f, 7),
                amount,
                awarded,
                starts,
                ends,
                status,
                paid);
    }

    private boolean insert(Row r) {
        long org = jdbc.sql("""
                insert into grants.organization (ein, org_ref, legal_name, org_type, zip, spa) values (?, ?, ?, ?, ?, ?)
                on conflict (ein) do update set ein = excluded.ein returning id""")
                .params(r.ein().value(), "EIN-" + r.ein().value(), r.orgName(), r.orgType(), r.zip(), r.spa())
                .query(Long.class)
                .single();
        var id = jdbc.sql("""
                insert into grants.award (award_number, organization_id, program_id, title, amount, awarded_on, starts_on,
                    ends_on, status, closed_on, source)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IMPORT') on conflict (award_number) do nothing returning id""")
                .params(
                        r.awardNumber(),
                        org,
                        r.programId(),
                        r.title(),
                        r.amount(),
                        r.awardedOn(),
                        r.startsOn(),
                        r.endsOn(),
                        r.status(),
                        r.status().equals("CLOSED") ? r.endsOn() : null)
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return false;
        }
        if (r.paid().signum() > 0) {
            jdbc.sql("""
                    insert into grants.disbursement (award_id, seq, amount, due_on, milestone, status, approved_by, paid_on)
                    values (?, 1, ?, ?, 'Imported history', 'PAID', 'import', ?)""").params(id.get(), r.paid(), r.startsOn(), r.startsOn()).update();
        }
        return true;
    }

    private static String required(List<String> f, int i) {
        String v = f.get(i).trim();
        if (v.isEmpty()) {
            throw new GrantRuleViolation(COLUMNS.get(i) + ": required");
        }
        return v;
    }

    private static int intField(List<String> f, int i) {
        try {
            return Integer.parseInt(f.get(i).trim());
        } catch (NumberFormatException e) {
            throw new GrantRuleViolation(COLUMNS.get(i) + ": '" + f.get(i) + "' is not a whole number");
        }
    }

    private static BigDecimal money(List<String> f, int i, boolean positive) {
        try {
            BigDecimal v = new BigDecimal(f.get(i).trim().replace("$", "").replace(",", ""));
            if (v.compareTo(MAX_AMOUNT) >= 0) { // numeric(14, 2)
                throw new GrantRuleViolation(COLUMNS.get(i) + ": '" + f.get(i) + "' is more than the largest amount"
                        + " kept, 999,999,999,999.99");
            }
            if (v.signum() < 0 || (positive && v.signum() == 0) || v.scale() > 2) {
                throw new GrantRuleViolation(COLUMNS.get(i) + ": '" + f.get(i) + "' must be "
                        + (positive ? "more than zero" : "zero or more") + ", in dollars and cents");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new GrantRuleViolation(COLUMNS.get(i) + ": '" + f.get(i) + "' is not an amount");
        }
    }

    private static LocalDate date(List<String> f, int i) {
        try {
            LocalDate date = LocalDate.parse(f.get(i).trim());
            if (date.getYear() < 1 || date.getYear() > 9999) { // java.time reads "+999999999-12-31" too
                throw new DateTimeParseException("not four digits", f.get(i), 0);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new GrantRuleViolation(COLUMNS.get(i) + ": '" + f.get(i) + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** One CSV line (RFC 4180 quoting, no embedded newlines). */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
