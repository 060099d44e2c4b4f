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

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final List<String> HEADER = List.of("measure_id", "run_id", "period_start", "period_end", "group_by",
            "group", "eligible", "met", "rate_percent", "minimum_level_percent", "high_level_percent",
            "members_to_minimum", "members_to_high", "suppressed");

    private final RateTables rates;
    private final AuditTrail audit;

    QualityDownloads(RateTables rates, AuditTrail audit) {
        this.rates = rates;
        this.audit = audit;
    }

    @GetMapping("/quality/runs/{id}/rates.csv")
    ResponseEntity<byte[]> csv(@PathVariable long id, @RequestParam(defaultValue = "race_ethnicity") String by) {
        var lines = lines(table(id, by, "csv"));
        var bytes = new ByteArrayOutputStream();
        try (var writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8); var csv = Csv.to(writer)) {
            writer.write('\uFEFF'); // so spreadsheet programs read UTF-8
            csv.row(HEADER);
            lines.forEach(csv::row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return download(bytes.toByteArray(), MediaType.parseMediaType("text/csv;charset=UTF-8"), id, by, "csv");
    }

    @GetMapping("/quality/runs/{id}/rates.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable long id, @RequestParam(defaultValue = "race_ethnicity") String by)
            throws IOException {
        var lines = lines(table(id, by, "xlsx"));
        var bytes = new ByteArrayOutputStream();
        try (var workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("rates");
            var top = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) top.createCell(i).setCellValue(HEADER.get(i));
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
        return download(bytes.toByteArray(), XLSX, id, by, "xlsx");
    }

    private RateTables.RateTable table(long id, String by, String format) {
        if (!RateTables.GROUPINGS.contains(by)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "by: one of " + RateTables.GROUPINGS);
        }
        var table = rates.table(id, by).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.record(new AuditEntry(AuditAction.EXPORT, "quality-rates", String.valueOf(id), null,
                "quality rates export", format + " by " + by));
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
            lines.add(line);
        }
        return lines;
    }

    private static Long count(String shown) {
        return shown.matches("\\d+") ? Long.valueOf(shown) : null;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, long id, String by, String ext) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"quality-run-" + id + "-" + by + "." + ext + "\"").body(body);
    }
}
