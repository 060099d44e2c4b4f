package org.commonweal.insights.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.insights.internal.Measure;
import org.commonweal.insights.internal.SmallCells;
import org.commonweal.platform.Csv;

/**
 * The current view as CSV or XLSX: the same cells as the page, suppressed the same way, with numbers as numbers
 * (#22): no thousands separators, no "%" or "$" in a cell (the unit is in the column's name), and a suppressed cell
 * left empty with its column named in the {@code suppressed} column, so a spreadsheet reads every figure as a number.
 */
final class InsightsExports {

    /** A figure as a plain number: digits, an optional minus and decimal point. */
    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");

    private InsightsExports() {}

    static List<String> header(Measure measure) {
        return List.of(
                "measure",
                "level",
                "area",
                "area_name",
                "group",
                "period",
                countColumn(measure),
                "denominator",
                rateColumn(measure),
                "suppressed");
    }

    static List<List<String>> lines(InsightsViews.MapView view) {
        Measure measure = view.selection().measure();
        List<List<String>> lines = new ArrayList<>();
        List<InsightsViews.Row> rows = new ArrayList<>(view.rows());
        rows.add(view.county());
        for (var r : rows) {
            List<String> line = new ArrayList<>(List.of(
                    measure.code(), r.level(), Integer.toString(r.area()), r.name(), r.group(), view.periodLabel()));
            figures(measure, r, line);
            lines.add(line);
        }
        return lines;
    }

    static List<String> trendHeader(Measure measure) {
        return List.of(
                "measure",
                "level",
                "area",
                "area_name",
                "group",
                "period_kind",
                "period",
                countColumn(measure),
                "denominator",
                rateColumn(measure),
                "suppressed");
    }

    /** The trends page's rows: years, months, then adequacy runs, as shown. */
    static List<List<String>> trendLines(InsightsViews.TrendView view) {
        Measure measure = view.selection().measure();
        List<List<String>> lines = new ArrayList<>();
        String[] kinds = {"year", "month", "run"};
        List<List<InsightsViews.Row>> blocks = List.of(view.years(), view.months(), view.runs());
        for (int b = 0; b < kinds.length; b++) {
            for (var r : blocks.get(b)) {
                List<String> line = new ArrayList<>(List.of(
                        measure.code(),
                        view.level(),
                        Integer.toString(view.area()),
                        view.areaName(),
                        view.group(),
                        kinds[b],
                        r.name()));
                figures(measure, r, line);
                lines.add(line);
            }
        }
        return lines;
    }

    /** The count, denominator and rate as plain numbers, and which of them are suppressed. */
    private static void figures(Measure measure, InsightsViews.Row r, List<String> line) {
        List<String> suppressed = new ArrayList<>();
        String[] names = {countColumn(measure), "denominator", rateColumn(measure)};
        String[] shown = {r.count(), r.denominator(), r.rate()};
        for (int i = 0; i < shown.length; i++) {
            if (SmallCells.MASK.equals(shown[i])) {
                suppressed.add(names[i]);
                line.add("");
            } else {
                line.add(plain(shown[i]));
            }
        }
        line.add(String.join(";", suppressed));
    }

    /** "1,243" → 1243, "54.3%" → 54.3, "$12.50" → 12.50; anything else (no data) → empty. */
    static String plain(String shown) {
        if (shown == null) {
            return "";
        }
        String number = shown.replace(",", "").replace("$", "").replace("%", "").strip();
        return PLAIN.matcher(number).matches() ? number : "";
    }

    static String countColumn(Measure measure) {
        return measure.numeratorIsCount() ? "count" : "amount_usd";
    }

    static String rateColumn(Measure measure) {
        return switch (measure.unit()) {
            case PER_1000 -> "rate_per_1000";
            case PERCENT -> "rate_percent";
            case DOLLARS_PER_MEMBER -> "usd_per_member";
            case COUNT -> "rate";
        };
    }

    static byte[] csv(List<String> header, List<List<String>> lines) {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                var csv = Csv.to(writer)) {
            writer.write('\uFEFF'); // so spreadsheet programs read UTF-8 (the en dash of area names)
            csv.row(header);
            lines.forEach(csv::row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void xlsx(List<String> header, List<List<String>> lines, OutputStream out) throws IOException {
        int firstFigure = header.indexOf("denominator") - 1;
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
                    // the area and the figures as numbers, so they sum; a suppressed or absent figure stays empty
                    boolean number = i == 2 || i >= firstFigure && i < firstFigure + 3;
                    if (number && PLAIN.matcher(v).matches()) {
                        row.createCell(i).setCellValue(Double.parseDouble(v));
                    } else if (!number) {
                        row.createCell(i).setCellValue(v);
                    }
                }
            }
            workbook.write(out);
        }
    }
}
