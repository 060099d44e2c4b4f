package org.commonweal.insights.web;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.commonweal.insights.internal.Figure;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.Measure;
import org.commonweal.insights.internal.SmallCells;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

/** A printable brief of one SPA or RCAC region for its advisory committee, in English or Spanish (OpenPDF). */
@Component
class InsightsBrief {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final List<String> MEMBER_GROUPS = List.of("language", "race", "age", "sex");

    private final FigureStore store;
    private final Names names;

    private final InsightsViews views;

    InsightsBrief(FigureStore store, Names names, InsightsViews views) {
        this.store = store;
        this.names = names;
        this.views = views;
    }

    byte[] pdf(String level, int area, Locale locale) {
        List<Figure> place = store.area(level, area, "current");
        Map<String, Figure> county = new HashMap<>();
        for (Figure f : store.area("county", 0, "current")) {
            county.put(f.measure().code() + "|" + f.stratumKind() + "|" + f.stratumValue(), f);
        }
        var labels = names.storedLabels();
        var bytes = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.LETTER, 40, 40, 40, 40);
        PdfWriter.getInstance(doc, bytes);
        doc.open();
        doc.add(new Paragraph(names.text("insights.brief.title", locale), BOLD));
        doc.add(new Paragraph(names.area(level, area, locale), TITLE));
        doc.add(new Paragraph(names.text("insights.brief.intro", locale, SmallCells.MASK), BODY));
        doc.add(new Paragraph(" "));
        PdfPTable table = table(names.text("insights.col.measure", locale), names.text("insights.col.count", locale),
                names.text("insights.col.rate", locale), names.text("insights.col.countyRate", locale),
                names.text("insights.col.unit", locale));
        for (Figure f : place) {
            if (f.stratumKind().equals("all")) {
                Figure c = county.get(f.measure().code() + "|all|");
                var masks = views.masks(f.measure());
                var shown = SmallCells.show(f, masks);
                row(table, names.measure(f.measure(), locale), shown.count(), shown.rate(),
                        c == null ? "" : SmallCells.show(c, masks).rate(),
                        names.unit(f.measure(), locale));
            }
        }
        doc.add(table);
        doc.add(new Paragraph(" "));
        doc.add(new Paragraph(names.text("insights.brief.members", locale), BOLD));
        PdfPTable groups = table(names.text("insights.col.group", locale), names.text("insights.col.count", locale),
                names.text("insights.col.countyCount", locale));
        for (Figure f : place) {
            if (f.measure() == Measure.MEMBERS && MEMBER_GROUPS.contains(f.stratumKind())) {
                Figure c = county.get("members|" + f.stratumKind() + "|" + f.stratumValue());
                row(groups, names.kind(f.stratumKind(), locale) + ": "
                                + names.group(f.stratumKind(), f.stratumValue(), locale, labels),
                        SmallCells.show(f, views.masks(f.measure())).count(),
                        c == null ? "" : SmallCells.show(c, views.masks(c.measure())).count());
            }
        }
        doc.add(groups);
        doc.add(new Paragraph(" "));
        doc.add(new Paragraph(names.text("insights.brief.footer", locale), BODY));
        doc.close();
        return bytes.toByteArray();
    }

    private static PdfPTable table(String... headers) {
        PdfPTable table = new PdfPTable(headers.length);
        table.setWidthPercentage(100);
        for (String h : headers) {
            table.addCell(new PdfPCell(new Phrase(h, BOLD)));
        }
        table.setHeaderRows(1);
        return table;
    }

    private static void row(PdfPTable table, String... cells) {
        for (String c : cells) {
            table.addCell(new PdfPCell(new Phrase(c, BODY)));
        }
    }
}
