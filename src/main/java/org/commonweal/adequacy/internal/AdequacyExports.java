package org.commonweal.adequacy.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Csv;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Component;

/**
 * CSV and XLSX exports of a run in a layout a DHCS network certification submission can be built from: one summary
 * row per product line and provider type, one gap row per ZIP and provider type with members outside the standard.
 */
@Component
public class AdequacyExports {

    public static final List<String> SUMMARY_COLUMNS = List.of(
            "Run",
            "Measurement Date",
            "County",
            "County Code",
            "Product Line",
            "Provider Type",
            "Standard Miles",
            "Standard Minutes",
            "Members",
            "Members Meeting Standard",
            "Percent Meeting Standard",
            "Met by Distance",
            "Met by Time",
            "Met by Alternative Access Standard",
            "Members Not Meeting Standard",
            "Average Distance to Nearest (mi)",
            "Maximum Distance to Nearest (mi)",
            "Travel Time Model");
    public static final List<String> GAP_COLUMNS = List.of(
            "Run",
            "Measurement Date",
            "County",
            "County Code",
            "Product Line",
            "Provider Type",
            "ZIP Code",
            "City",
            "SPA",
            "RCAC Region",
            "Members in ZIP",
            "Members Outside Standard",
            "Average Distance to Nearest (mi)",
            "Maximum Distance to Nearest (mi)",
            "Nearest In-Network Locations (id: miles from ZIP centroid)",
            "Alternative Access Standard Requested");

    private final AdequacyStore store;
    private final AdequacyService service;
    private final Geography geography;
    private final RunMasks masks;
    /** The plan's county as the rows name it (the DHCS layout's "County" and "County Code"). */
    private final String county;

    private final String countyCode;

    AdequacyExports(
            AdequacyStore store, AdequacyService service, Geography geography, PlanIdentity plan, RunMasks masks) {
        this.masks = masks;
        this.county = plan.serviceArea().county();
        this.countyCode = plan.serviceArea().countyCode();
        this.store = store;
        this.service = service;
        this.geography = geography;
    }

    public List<List<String>> summaryRows(RunSummary run, boolean suppress) {
        Map<String, AdequacyStore.StandardRow> dense = new HashMap<>();
        store.standards().stream()
                .filter(s -> s.countyTier().equals("dense"))
                .forEach(s -> dense.put(s.productLine() + '|' + s.providerType(), s));
        List<ZipResult> results = store.results(run.id());
        var disclosure = masks.disclosure(run.id(), results, suppress);
        List<List<String>> rows = new ArrayList<>();
        for (var r : AdequacyReport.byLineAndType(results)) {
            var std = dense.get(r.productLine() + '|' + r.providerType());
            var shown = disclosure.county(r);
            rows.add(List.of(
                    String.valueOf(run.id()),
                    run.measuredOn().toString(),
                    county,
                    countyCode,
                    r.productLine(),
                    r.providerType(),
                    std == null ? "" : std.miles().toPlainString(),
                    std == null ? "" : String.valueOf(std.minutes()),
                    shown.members(),
                    shown.met(),
                    shown.percent(),
                    shown.byMiles(),
                    shown.byMinutes(),
                    shown.byAlternative(),
                    shown.notMet(),
                    shown.members().equals(CellSuppression.MASK) ? CellSuppression.MASK : miles(r.averageMiles()),
                    shown.members().equals(CellSuppression.MASK) ? CellSuppression.MASK : miles(r.maxMiles()),
                    run.travelModel()));
        }
        return rows;
    }

    public List<List<String>> gapRows(RunSummary run, boolean suppress, String productLine, String providerType) {
        List<ZipResult> results = store.results(run.id());
        var disclosure = masks.disclosure(run.id(), results, suppress);
        List<List<String>> rows = new ArrayList<>();
        for (ZipResult g : AdequacyReport.gaps(results)) {
            if ((productLine != null && !productLine.equals(g.productLine()))
                    || (providerType != null && !providerType.equals(g.providerType()))) {
                continue;
            }
            ZipArea zip = geography.zip(g.zip()).orElse(null);
            var shown = disclosure.zip(g);
            rows.add(List.of(
                    String.valueOf(run.id()),
                    run.measuredOn().toString(),
                    county,
                    countyCode,
                    g.productLine(),
                    g.providerType(),
                    g.zip(),
                    zip == null ? "" : zip.city(),
                    String.valueOf(g.spa()),
                    String.valueOf(g.rcacRegion()),
                    shown.members(),
                    shown.notMet(),
                    shown.distances() ? miles(g.sumMiles() / g.members()) : CellSuppression.MASK,
                    shown.distances() ? miles(g.maxMiles()) : CellSuppression.MASK,
                    nearest(g, zip),
                    ""));
        }
        return rows;
    }

    private String nearest(ZipResult g, ZipArea zip) {
        if (zip == null) {
            return "";
        }
        GeoPoint centroid = zip.centroid();
        return service.nearestLocations(g.productLine(), g.providerType(), centroid, 3).stream()
                .map(n -> n.locationId() + ": " + miles(n.miles()))
                .collect(Collectors.joining("; "));
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f", p);
    }

    static String miles(double m) {
        return Double.isInfinite(m) || Double.isNaN(m) ? "none in network" : String.format(Locale.ROOT, "%.2f", m);
    }

    public void writeCsv(List<String> header, List<List<String>> rows, Writer out) throws IOException {
        try (var csv = Csv.to(out)) {
            csv.row(header);
            rows.forEach(csv::row);
        }
    }

    public void writeXlsx(String sheetName, List<String> header, List<List<String>> rows, OutputStream out)
            throws IOException {
        try (var workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet(sheetName);
            write(sheet.createRow(0), header);
            int n = 1;
            for (List<String> row : rows) {
                write(sheet.createRow(n++), row);
            }
            workbook.write(out);
        }
    }

    private static void write(Row row, List<String> values) {
        for (int c = 0; c < values.size(); c++) {
            String v = values.get(c);
            if (!v.isEmpty() && v.matches("-?\\d+(\\.\\d+)?") && c > 3) {
                row.createCell(c).setCellValue(Double.parseDouble(v));
            } else {
                row.createCell(c).setCellValue(v);
            }
        }
    }
}
