package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.grants.lifecycle.CycleSpec;
import org.commonweal.grants.lifecycle.FieldErrors;
import org.commonweal.grants.lifecycle.ProgramSpec;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.springframework.context.MessageSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The staff program and cycle forms as submitted text: parsed into specs (a number or date that does not parse is a
 * field error, not a 400), filled from stored values for editing, and given back as typed when refused.
 */
final class CatalogForms {

    static final int RUBRIC_ROWS = 6;

    /** The submitted (or stored) values, read by the template as {@code form.v('code')}. */
    record Form(MultiValueMap<String, String> values) {

        public String v(String name) {
            String value = values.getFirst(name);
            return value == null ? "" : value;
        }

        public String v(String name, int index) {
            List<String> all = values.get(name);
            return all == null || index >= all.size() || all.get(index) == null ? "" : all.get(index);
        }

        public boolean checked(String name) {
            return "true".equals(v(name)) || "on".equals(v(name));
        }
    }

    private CatalogForms() {}

    static ProgramSpec program(Form f, FieldErrors errors) {
        return new ProgramSpec(
                f.v("code").trim().toUpperCase(Locale.ROOT),
                f.v("name"),
                f.v("nameEs"),
                f.v("strategy"),
                f.v("fundingSource"),
                money(f, "envelope", errors),
                integer(f.v("sinceYear"), "sinceYear", errors));
    }

    static CycleSpec cycle(Form f, FieldErrors errors) {
        List<Criterion> rubric = new ArrayList<>();
        int rows = Math.max(size(f, "criterionCode"), size(f, "criterionLabel"));
        for (int i = 0; i < rows; i++) {
            String code = f.v("criterionCode", i).trim();
            String label = f.v("criterionLabel", i).trim();
            String max = f.v("criterionMax", i).trim();
            String weight = f.v("criterionWeight", i).trim();
            if (code.isEmpty() && label.isEmpty() && max.isEmpty() && weight.isEmpty()) {
                continue;
            }
            Integer maxScore = integer(max, "rubric", errors);
            BigDecimal w = decimal(weight.isEmpty() ? "1" : weight, "rubric", errors);
            rubric.add(new Criterion(code, label, maxScore == null ? 0 : maxScore, w));
        }
        Long programId = f.v("programId").isBlank() ? null : longValue(f.v("programId"), "programId", errors);
        return new CycleSpec(
                programId,
                f.v("code").trim().toUpperCase(Locale.ROOT),
                f.v("title"),
                f.v("titleEs"),
                f.v("summary"),
                f.v("summaryEs"),
                date(f, "opensOn", errors),
                date(f, "closesOn", errors),
                time(f, "closesTime", errors),
                money(f, "envelope", errors),
                money(f, "awardFloor", errors),
                money(f, "awardCeiling", errors),
                integer(f.v("expectedAwards"), "expectedAwards", errors),
                f.v("eligibility"),
                Arrays.asList(f.v("questions").split("\\R")),
                f.checked("loiRequired"),
                date(f, "loiClosesOn", errors),
                time(f, "loiClosesTime", errors),
                rubric);
    }

    static Form of(GrantsCatalog.Program p) {
        var m = new LinkedMultiValueMap<String, String>();
        m.add("code", p.code());
        m.add("name", p.name());
        m.add("nameEs", p.nameEs());
        m.add("strategy", p.strategy());
        m.add("fundingSource", p.fundingSource());
        m.add("envelope", p.envelope().toPlainString());
        m.add("sinceYear", String.valueOf(p.sinceYear()));
        return new Form(m);
    }

    static Form of(GrantsCatalog.Cycle c, List<Criterion> rubric) {
        var m = new LinkedMultiValueMap<String, String>();
        m.add("programId", String.valueOf(c.programId()));
        m.add("code", c.code());
        m.add("title", c.title());
        m.add("titleEs", c.titleEs());
        m.add("summary", c.summary());
        m.add("summaryEs", c.summaryEs());
        m.add("opensOn", c.opensOn().toString());
        var closes = c.closesAt().atZone(c.zone());
        m.add("closesOn", closes.toLocalDate().toString());
        m.add("closesTime", closes.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")));
        m.add("envelope", c.envelope().toPlainString());
        m.add("awardFloor", c.awardFloor().toPlainString());
        m.add("awardCeiling", c.awardCeiling().toPlainString());
        m.add("expectedAwards", String.valueOf(c.expectedAwards()));
        m.add("eligibility", c.eligibility());
        m.add("questions", String.join("\n", c.questions()));
        if (c.loiRequired()) {
            m.add("loiRequired", "true");
            var loi = c.loiClosesAt().atZone(c.zone());
            m.add("loiClosesOn", loi.toLocalDate().toString());
            m.add("loiClosesTime", loi.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")));
        }
        for (Criterion r : rubric) {
            m.add("criterionCode", r.code());
            m.add("criterionLabel", r.label());
            m.add("criterionMax", String.valueOf(r.maxScore()));
            m.add("criterionWeight", r.weight().stripTrailingZeros().toPlainString());
        }
        return new Form(m);
    }

    /** A new cycle starts with the rubric the Fund uses most. */
    static Form newCycle() {
        var m = new LinkedMultiValueMap<String, String>();
        m.add("closesTime", "17:00");
        m.add("loiClosesTime", "17:00");
        String[][] rubric = {
            {"1-need", "Community need", "5", "2"},
            {"2-plan", "Project plan and feasibility", "5", "1.5"},
            {"3-equity", "Health equity and reach", "5", "1"},
            {"4-budget", "Budget and sustainability", "5", "1"}
        };
        for (String[] r : rubric) {
            m.add("criterionCode", r[0]);
            m.add("criterionLabel", r[1]);
            m.add("criterionMax", r[2]);
            m.add("criterionWeight", r[3]);
        }
        return new Form(m);
    }

    /** The errors in the reader's language, by field. */
    static Map<String, String> messages(FieldErrors errors, MessageSource messages, Locale locale) {
        Map<String, String> shown = new HashMap<>();
        errors.all().forEach((field, p) -> shown.put(field, messages.getMessage(p.key(), p.args(), locale)));
        return shown;
    }

    private static int size(Form f, String name) {
        List<String> all = f.values().get(name);
        return all == null ? 0 : all.size();
    }

    private static BigDecimal money(Form f, String field, FieldErrors errors) {
        String raw = f.v(field).replace("$", "").replace(",", "").trim();
        return raw.isEmpty() ? null : decimal(raw, field, errors);
    }

    private static BigDecimal decimal(String raw, String field, FieldErrors errors) {
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            errors.add(field, "grants.field.number", raw);
            return null;
        }
    }

    private static Integer integer(String raw, String field, FieldErrors errors) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            errors.add(field, "grants.field.wholeNumber", raw);
            return null;
        }
    }

    private static Long longValue(String raw, String field, FieldErrors errors) {
        try {
            return Long.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            errors.add(field, "grants.field.required");
            return null;
        }
    }

    private static LocalDate date(Form f, String field, FieldErrors errors) {
        String raw = f.v(field).trim();
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(field, "grants.field.date", raw);
            return null;
        }
    }

    private static LocalTime time(Form f, String field, FieldErrors errors) {
        String raw = f.v(field).trim();
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return LocalTime.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(field, "grants.field.time", raw);
            return null;
        }
    }
}
