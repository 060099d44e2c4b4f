package org.commonweal.quality.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.Csv;
import org.commonweal.quality.results.RateTables;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A run's rate table as CSV and XLSX (no QRDA): the same figures as the page, through the same suppression; counts,
 * rates and members-to-level as numbers, a masked figure left empty and said so in the {@code suppressed} column.
 * Each download is recorded in the audit trail.
 */
@Controller
class QualityDownloads {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final List<String> HEADER = List.of(
            "measure_id",
            "run_id",
            "period_start",
            "period_end",
            "group_by",
            "group",
            "eligible",
            "met",
            "rate_percent",
            "minimum_level_percent",
            "high_level_percent",
            "members_to_minimum",
            "members_to_high",
            "suppressed",
            "attributed_by");

    static final List<String> TREND_HEADER =
            List.of("measure_id", "run_id", "month_end", "eligible", "met", "rate_percent", "suppressed");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final RateTables rates;

    private final AuditTrail audit;

    QualityDownloads(RateTables rates, AuditTrail audit) {
        this.rates = rates;
        this.audit = audit;
    }

    @GetMapping("/quality/runs/{id}/rates.csv")
    ResponseEntity<byte[]> csv(@PathVariable long id, @RequestParam(defaultValue = "race_ethnicity") String by) {
        return download(csv(HEADER, lines(table(id, by, "csv"))), CSV, "quality-run-" + id + "-" + by + ".csv");
    }

    @GetMapping("/quality/runs/{id}/rates.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long id, @RequestParam(defaultValue = "race_ethnicity") String by)
            throws IOException {
        return download(
                xlsx("rates", HEADER, lines(table(id, by, "xlsx"))), XLSX, "quality-run-" + id + "-" + by + ".xlsx");
    }

    @GetMapping("/quality/runs/{id}/trend.csv")
    ResponseEntity<byte[]> trendCsv(@PathVariable long id) {
        return download(csv(TREND_HEADER, trendLines(trend(id, "csv"))), CSV, "quality-run-" + id + "-trend.csv");
    }

    @GetMapping("/quality/runs/{id}/trend.xlsx")
    ResponseEntity<byte[]> trendXlsx(@PathVariable long id) throws IOException {
        return download(
                xlsx("trend", TREND_HEADER, trendLines(trend(id, "xlsx"))), XLSX, "quality-run-" + id + "-trend.xlsx");
    }

    static byte[] csv(List<String> header, List<List<Object>> lines) {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                var csv = Csv.to(writer)) {
            writer.write('\uFEFF'); // so spreadsheet programs read UTF-8
            csv.row(header);
            lines.forEach(csv::row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] xlsx(String name, List<String> header, List<List<Object>> lines) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet(name);
            var top = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) top.createCell(i).setCellValue(header.get(i));
            int r = 1;
            for (var line : lines) {
                var row = sheet.createRow(r++);
                for (int i = 0; i < line.size(); i++) {
                    var v = line.get(i);
                    if (v instanceof Number n) row.createCell(i).setCellValue(n.doubleValue());
                    else if (v instanceof Boolean b) row.createCell(i).setCellValue(b);
                    else if (v != null) row.createCell(i).setCellValue(v.toString());
                }
            }
            workbook.write(bytes);
        }
        return bytes.toByteArray();
    }

    private RateTables.Trend trend(long id, String format) {
        var trend = rates.trend(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "quality-rates",
                String.valueOf(id),
                null,
                "quality rates export",
                format + " monthly trend"));
        return trend;
    }

    static List<List<Object>> trendLines(RateTables.Trend trend) {
        var run = trend.run();
        var lines = new ArrayList<List<Object>>();
        for (var m : trend.months()) {
            lines.add(java.util.Arrays.asList(
                    run.measureId(),
                    run.id(),
                    m.monthEnd().toString(),
                    count(m.eligible()),
                    count(m.met()),
                    m.rate() == null ? null : Math.round(m.rate() * 100) / 100.0,
                    m.suppressed()));
        }
        return lines;
    }

    private RateTables.RateTable table(long id, String by, String format) {
        if (!RateTables.GROUPINGS.contains(by)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "by: one of " + RateTables.GROUPINGS);
        }
        var table = rates.table(id, by).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "quality-rates",
                String.valueOf(id),
                null,
                "quality rates export",
                format + " by " + by));
        return table;
    }

    /** One line per group and the total: numbers as numbers, null where masked or not applicable. */
    static List<List<Object>> lines(RateTables.RateTable table) {
        var run = table.run();
        var lines = new ArrayList<List<Object>>();
        for (var row : table.rows()) {
            var line = new ArrayList<Object>();
            line.add(run.measureId());
            line.add(run.id());
            line.add(run.periodStart().toString());
            line.add(run.periodEnd().toString());
            line.add(table.by());
            line.add(row.group());
            line.add(count(row.eligible()));
            line.add(count(row.met()));
            line.add(row.rate() == null ? null : Math.round(row.rate() * 100) / 100.0);
            line.add(table.level().map(l -> (Object) l.minimum()).orElse(null));
            line.add(table.level().map(l -> (Object) l.high()).orElse(null));
            line.add(row.toMinimum());
            line.add(row.toHigh());
            line.add(row.suppressed());
            line.add(row.attributedBy().isEmpty() ? null : String.join(";", row.attributedBy()));
            lines.add(line);
        }
        return lines;
    }

    private static Long count(String shown) {
        return shown.matches("\\d+") ? Long.valueOf(shown) : null;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }
}
