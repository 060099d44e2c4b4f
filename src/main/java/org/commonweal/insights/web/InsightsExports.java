package org.commonweal.insights.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.platform.Csv;

/** The current view as CSV or XLSX: the same cells as the page, suppressed the same way. */
final class InsightsExports {

    private InsightsExports() {
    }

    static List<String> header(Names names, Locale locale) {
        return List.of("measure", "level", "area", "area_name", "group", "period", "count", "denominator", "rate",
                "unit");
    }

    static List<List<String>> lines(InsightsViews.MapView view) {
        List<List<String>> lines = new ArrayList<>();
        List<InsightsViews.Row> rows = new ArrayList<>(view.rows());
        rows.add(view.county());
        for (var r : rows) {
            lines.add(List.of(view.selection().measure().code(), r.level(), Integer.toString(r.area()), r.name(),
                    r.group(), view.periodLabel(), r.count(), r.denominator(), r.rate(), view.unitName()));
        }
        return lines;
    }

    static List<String> trendHeader() {
        return List.of("measure", "level", "area", "area_name", "group", "period_kind", "period", "count",
                "denominator", "rate", "unit");
    }

    /** The trends page's rows: years, months, then adequacy runs, as shown. */
    static List<List<String>> trendLines(InsightsViews.TrendView view) {
        List<List<String>> lines = new ArrayList<>();
        String[] kinds = {"year", "month", "run"};
        List<List<InsightsViews.Row>> blocks = List.of(view.years(), view.months(), view.runs());
        for (int b = 0; b < kinds.length; b++) {
            for (var r : blocks.get(b)) {
                lines.add(List.of(view.selection().measure().code(), view.level(), Integer.toString(view.area()),
                        view.areaName(), view.group(), kinds[b], r.name(), r.count(), r.denominator(), r.rate(),
                        view.unitName()));
            }
        }
        return lines;
    }

    static byte[] csv(List<String> header, List<List<String>> lines) {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8); var csv = Csv.to(writer)) {
            writer.write('\uFEFF');   // so spreadsheet programs read UTF-8 (the en dash of area names)
            csv.row(header);
            lines.forEach(csv::row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void xlsx(List<String> header, List<List<String>> lines, OutputStream out) throws IOException {
        try (var workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("insights");
            Row top = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                top.createCell(i).setCellValue(header.get(i));
            }
            int r = 1;
            for (List<String> line : lines) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < line.size(); i++) {
                    String v = line.get(i);
                    // counts as numbers, so they sum; the mask and rates with units stay text
                    if (v.matches("-?[0-9][0-9,]*") && i != 2) {
                        row.createCell(i).setCellValue(Double.parseDouble(v.replace(",", "")));
                    } else if (i == 2) {
                        row.createCell(i).setCellValue(Integer.parseInt(v));
                    } else {
                        row.createCell(i).setCellValue(v);
                    }
                }
            }
            workbook.write(out);
        }
    }
}
