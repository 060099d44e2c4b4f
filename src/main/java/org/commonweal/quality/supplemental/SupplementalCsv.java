package org.commonweal.quality.supplemental;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.platform.Csv;
import org.commonweal.quality.results.MemberRecompute;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lab results and immunization registry extracts as CSV (layouts in {@code docs/quality.md}): each line becomes a FHIR
 * Observation (LOINC) or Immunization (CVX) under the member it names (member id or CIN, through coverage's facade,
 * audited), kept as a clinical source with its file, line and sender, withdrawable as a whole. A bad line is rejected
 * with its line number, field and reason and the rest goes on; a file without the layout's header is refused whole.
 * The members with new data are recomputed ({@link MemberRecompute}, each once, in batches) once the file is stored.
 */
@Service
public class SupplementalCsv {

    static final String PURPOSE = "quality: supplemental data from a CSV extract";
    static final List<String> LAB_HEADER =
            List.of("member_id", "cin", "loinc", "value", "unit", "collected_on", "performing_org");
    static final List<String> IMMUNIZATION_HEADER =
            List.of("member_id", "cin", "cvx", "given_on", "lot", "performing_org");

    /** What an import did; {@code refusal} is set when the file was refused whole (then nothing was stored). */
    public record Report(long sourceId, int stored, int members, List<LineReason> rejects, LineReason refusal) {}

    /**
     * Why a line was rejected or a file refused: the line, the field (null when the whole line or file is meant)
     * and the reason as a key of {@code quality.supplemental.reason.*} with its arguments, so each reader gets it in
     * their language ({@link #text}); the import's own record ({@code quality.clinical_reject}, the command's output)
     * is in English.
     */
    public record LineReason(long line, String field, String reason, List<String> args) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public LineReason {
            args = List.copyOf(args);
        }

        /**
         * A reason as jobs finished before reasons had keys stored it ({@code "line N: field: reason"} in English):
         * shown as it was, so an older job's page still reads.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static LineReason stored(String text) {
            var m = java.util.regex.Pattern.compile("line (\\d+): (.*)", java.util.regex.Pattern.DOTALL)
                    .matcher(text);
            return m.matches()
                    ? new LineReason(Long.parseLong(m.group(1)), null, "asStored", List.of(m.group(2)))
                    : new LineReason(0, null, "asStored", List.of(text));
        }

        /** {@code line N: field: reason} (or {@code line N: reason}) in the locale's language. */
        public String text(MessageSource messages, Locale locale) {
            var why = messages.getMessage("quality.supplemental.reason." + reason, args.toArray(), locale);
            return field == null
                    ? messages.getMessage("quality.supplemental.at", new Object[] {String.valueOf(line), why}, locale)
                    : messages.getMessage(
                            "quality.supplemental.atField", new Object[] {String.valueOf(line), field, why}, locale);
        }

        /** {@code field: reason} in English, as the reject table keeps it beside its line number. */
        String english(MessageSource messages) {
            var why = messages.getMessage("quality.supplemental.reason." + reason, args.toArray(), Locale.ENGLISH);
            return field == null ? why : field + ": " + why;
        }
    }

    private record Line(long line, String memberId, Resource resource) {}

    /** A line that cannot be taken: field, reason key and its arguments. */
    private static final class Bad extends Exception {
        final String field, reason;
        final List<String> args;

        Bad(String field, String reason, String... args) {
            super(reason, null, false, false);
            this.field = field;
            this.reason = reason;
            this.args = List.of(args);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Coverage coverage;
    private final AuditTrail audit;
    private final MemberRecompute recompute;
    private final MessageSource messages;

    SupplementalCsv(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Coverage coverage,
            AuditTrail audit,
            MemberRecompute recompute,
            MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.transactions = transactions;
        this.coverage = coverage;
        this.audit = audit;
        this.recompute = recompute;
    }

    public Report importLabs(Reader in, String name, String sender) throws IOException {
        return importFile(in, name, sender, "lab-csv", LAB_HEADER);
    }

    public Report importImmunizations(Reader in, String name, String sender) throws IOException {
        return importFile(in, name, sender, "immunization-csv", IMMUNIZATION_HEADER);
    }

    private Report importFile(Reader in, String name, String sender, String format, List<String> header)
            throws IOException {
        List<Csv.Row> rows;
        try {
            rows = Csv.read(in);
        } catch (Csv.Malformed e) {
            return new Report(0, 0, 0, List.of(), new LineReason(e.line(), null, "malformed", List.of()));
        }
        if (rows.isEmpty()
                || !rows.get(0).values().stream()
                        .map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .toList()
                        .equals(header)) {
            return new Report(0, 0, 0, List.of(), new LineReason(1, null, "header", List.of(String.join(",", header))));
        }
        var lines = new ArrayList<Line>();
        var rejects = new ArrayList<LineReason>();
        var found = new java.util.HashMap<String, String>();
        for (var row : rows.subList(1, rows.size())) {
            if (row.blank()) continue;
            try {
                if (row.values().size() != header.size()) {
                    throw new Bad(
                            null,
                            "fieldCount",
                            String.valueOf(header.size()),
                            String.valueOf(row.values().size()));
                }
                // a member's lines come together in an extract: looked up (and audited) once per file
                var key =
                        row.values().get(0).strip() + "|" + row.values().get(1).strip();
                var member = found.get(key);
                if (member == null) {
                    member = member(row.values().get(0), row.values().get(1));
                    found.put(key, member);
                }
                var resource = format.equals("lab-csv") ? lab(row, member) : immunization(row, member);
                lines.add(new Line(row.line(), member, resource));
            } catch (Bad e) {
                rejects.add(new LineReason(row.line(), e.field, e.reason, e.args));
            }
        }
        var report = transactions.execute(status -> store(lines, rejects, name, sender, format));
        // each member once after the file, in batches (claims and clinical data read set-wise)
        recompute.recompute(lines.stream().map(Line::memberId).toList());
        return report;
    }

    private Report store(List<Line> lines, List<LineReason> rejects, String name, String sender, String format) {
        long sourceId = jdbc.sql("""
                insert into quality.clinical_source (name, format, received_by, resources, rejected)
                values (?, ?, ?, ?, ?) returning id""")
                .params(name, format, sender, lines.size(), rejects.size())
                .query(Long.class)
                .single();
        var json = FhirContext.forR4Cached().newJsonParser();
        // 500 lines a statement
        for (int start = 0; start < lines.size(); start += 500) {
            var part = lines.subList(start, Math.min(lines.size(), start + 500));
            var sql = new StringBuilder("""
                    insert into quality.clinical_resource (source_id, line_number, member_id, resource_type,
                        resource_id, resource_json) values\s""");
            var params = new ArrayList<Object>(part.size() * 6);
            for (var line : part) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
                params.add(sourceId);
                params.add(line.line());
                params.add(line.memberId());
                params.add(line.resource().fhirType());
                params.add(line.resource().getIdElement().getIdPart());
                params.add(json.encodeResourceToString(line.resource()));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        for (var reject : rejects) {
            jdbc.sql("insert into quality.clinical_reject (source_id, line_number, reason) values (?, ?, ?)")
                    .params(sourceId, reject.line(), reject.english(messages))
                    .update();
        }
        var members = lines.stream()
                .map(Line::memberId)
                .collect(java.util.stream.Collectors.toSet())
                .size();
        audit.record(AuditEntry.change(
                AuditAction.IMPORT,
                "clinical-source",
                Long.toString(sourceId),
                null,
                PURPOSE,
                name + " (" + format + "): " + lines.size() + " records for " + members + " members, " + rejects.size()
                        + " lines rejected"));
        return new Report(sourceId, lines.size(), members, List.copyOf(rejects), null);
    }

    private String member(String memberId, String cin) throws Bad {
        memberId = memberId.strip();
        cin = cin.strip();
        if (memberId.isEmpty() && cin.isEmpty()) throw new Bad("member_id", "memberNeeded");
        Optional<MemberSummary> found = memberId.isEmpty() ? Optional.empty() : coverage.findMember(memberId, PURPOSE);
        if (found.isEmpty() && !cin.isEmpty()) found = coverage.findMemberByCin(cin, PURPOSE);
        if (found.isEmpty()) {
            throw new Bad(
                    memberId.isEmpty() ? "cin" : "member_id",
                    memberId.isEmpty() ? "noMemberCin" : cin.isEmpty() ? "noMemberId" : "noMemberIdOrCin");
        }
        return found.get().memberId();
    }

    private static LocalDate date(String field, String text) throws Bad {
        try {
            var date = LocalDate.parse(text.strip());
            if (date.isAfter(LocalDate.now().plusDays(1))) throw new Bad(field, "future");
            if (date.isBefore(LocalDate.of(1900, 1, 1))) throw new Bad(field, "before1900");
            return date;
        } catch (DateTimeParseException e) {
            throw new Bad(field, "date", text.strip());
        }
    }

    /** LOINC codes carry a mod-10 check digit after the hyphen (the Luhn algorithm on the number part). */
    static boolean loinc(String code) {
        if (!code.matches("[0-9]{1,7}-[0-9]")) return false;
        var number = code.substring(0, code.indexOf('-'));
        int sum = 0;
        for (int i = number.length() - 1, position = 1; i >= 0; i--, position++) {
            int digit = number.charAt(i) - '0';
            if (position % 2 == 1) {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10 == code.charAt(code.length() - 1) - '0';
    }

    private static Resource lab(Csv.Row row, String memberId) throws Bad {
        var v = row.values();
        var code = v.get(2).strip();
        if (!loinc(code)) throw new Bad("loinc", "loinc", code);
        var value = v.get(3).strip();
        if (value.isEmpty()) throw new Bad("value", "valueNeeded");
        var unit = v.get(4).strip();
        var collected = date("collected_on", v.get(5));
        var observation = new Observation();
        observation.setId("lab-" + row.line() + "-" + memberId);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", code, null)));
        observation.setSubject(new Reference("Patient/" + memberId));
        observation.setEffective(utcMidnight(collected));
        observation.setIssued(Date.from(collected.atStartOfDay(ZoneOffset.UTC).toInstant()));
        if (value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            if (unit.isEmpty()) throw new Bad("unit", "unitNeeded");
            if (unit.length() > 30) throw new Bad("unit", "tooLong", "30");
            observation.setValue(new Quantity()
                    .setValue(new BigDecimal(value))
                    .setUnit(unit)
                    .setSystem("http://unitsofmeasure.org")
                    .setCode(unit));
        } else {
            if (value.length() > 200) throw new Bad("value", "tooLong", "200");
            observation.setValue(new StringType(value));
        }
        performer(v.get(6)).ifPresent(observation::addPerformer);
        return observation;
    }

    private static Resource immunization(Csv.Row row, String memberId) throws Bad {
        var v = row.values();
        var cvx = v.get(2).strip();
        if (!cvx.matches("[0-9]{1,3}")) throw new Bad("cvx", "cvx", cvx);
        var given = date("given_on", v.get(3));
        var immunization = new Immunization();
        immunization.setId("imm-" + row.line() + "-" + memberId);
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/cvx", cvx, null)));
        immunization.setPatient(new Reference("Patient/" + memberId));
        immunization.setOccurrence(utcMidnight(given));
        var lot = v.get(4).strip();
        if (lot.length() > 40) throw new Bad("lot", "tooLong", "40");
        if (!lot.isEmpty()) immunization.setLotNumber(lot);
        performer(v.get(5)).ifPresent(org -> immunization.addPerformer().setActor(org));
        return immunization;
    }

    /**
     * The day as midnight UTC, written with {@code Z} whatever the JVM's zone: the engines take a time on its day in
     * its own offset, so the day stays the file's.
     */
    private static DateTimeType utcMidnight(LocalDate day) {
        var value = new DateTimeType(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
        value.setTimeZoneZulu(true);
        return value;
    }

    private static Optional<Reference> performer(String org) throws Bad {
        org = org.strip();
        if (org.length() > 200) throw new Bad("performing_org", "tooLong", "200");
        return org.isEmpty() ? Optional.empty() : Optional.of(new Reference().setDisplay(org));
    }
}
