package org.commonweal.insights.web;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final List<String> MEMBER_GROUPS = List.of("language", "race", "age", "sex");

    private final FigureStore store;
    private final Names names;

    private final InsightsViews views;

    InsightsBrief(FigureStore store, Names names, InsightsViews views) {
        this.store = store;
        this.names = names;
        this.views = views;
    }

    /**
     * One page, whatever the area (#22): the area's member count once, at the top; then one line per measure (the
     * area's figure beside the county's, in the measure's unit: a rate, or a count for measures without one); then
     * the members by group, one line per kind of group.
     */
    byte[] pdf(String level, int area, Locale locale) {
        List<Figure> place = store.area(level, area, "current");
        Map<String, Figure> county = new HashMap<>();
        for (Figure f : store.area("county", 0, "current")) {
            county.put(f.measure().code() + "|" + f.stratumKind() + "|" + f.stratumValue(), f);
        }
        var labels = names.storedLabels();
        var bytes = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.LETTER, 40, 40, 36, 36);
        PdfWriter.getInstance(doc, bytes);
        doc.open();
        doc.add(new Paragraph(names.text("insights.brief.title", locale), BOLD));
        doc.add(new Paragraph(names.area(level, area, locale), TITLE));
        place.stream()
                .filter(f -> f.measure() == Measure.MEMBERS && f.stratumKind().equals("all"))
                .findFirst()
                .ifPresent(members -> doc.add(new Paragraph(
                        names.text(
                                "insights.brief.memberCount",
                                locale,
                                SmallCells.show(members, views.masks(Measure.MEMBERS))
                                        .count()),
                        BOLD)));
        doc.add(new Paragraph(names.text("insights.brief.intro", locale, SmallCells.MASK), SMALL));
        doc.add(new Paragraph(" ", SMALL));
        PdfPTable table = table(
                new float[] {4, 2, 2, 3},
                names.text("insights.col.measure", locale),
                names.text("insights.brief.area", locale),
                names.text("insights.brief.county", locale),
                names.text("insights.col.unit", locale));
        for (Figure f : place) {
            if (f.stratumKind().equals("all")) {
                Figure c = county.get(f.measure().code() + "|all|");
                var masks = views.masks(f.measure());
                row(
                        table,
                        names.measure(f.measure(), locale),
                        figure(SmallCells.show(f, masks)),
                        c == null ? "" : figure(SmallCells.show(c, masks)),
                        names.unit(f.measure(), locale));
            }
        }
        doc.add(table);
        doc.add(new Paragraph(" ", SMALL));
        doc.add(new Paragraph(names.text("insights.brief.members", locale), BOLD));
        PdfPTable groups = table(
                new float[] {2, 9},
                names.text("insights.col.group", locale),
                names.text("insights.brief.groupCounts", locale));
        for (String kind : MEMBER_GROUPS) {
            List<String> parts = new ArrayList<>();
            for (Figure f : place) {
                if (f.measure() == Measure.MEMBERS && f.stratumKind().equals(kind)) {
                    parts.add(names.group(kind, f.stratumValue(), locale, labels) + " "
                            + SmallCells.show(f, views.masks(f.measure())).count());
                }
            }
            if (!parts.isEmpty()) {
                row(groups, names.kind(kind, locale), String.join(" · ", parts));
            }
        }
        doc.add(groups);
        doc.add(new Paragraph(" ", SMALL));
        doc.add(new Paragraph(names.text("insights.brief.footer", locale), SMALL));
        doc.close();
        return bytes.toByteArray();
    }

    /** The figure a measure is read by: its rate, or its count when it has no rate. */
    private static String figure(SmallCells.Shown shown) {
        return shown.rate().isEmpty() ? shown.count() : shown.rate();
    }

    private static PdfPTable table(float[] widths, String... headers) {
        PdfPTable table = new PdfPTable(widths);
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
