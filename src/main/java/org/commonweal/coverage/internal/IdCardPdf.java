package org.commonweal.coverage.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.commonweal.shell.Brand;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The printable member ID card, front (page 1) and back (page 2), each the size of a credit card (3.375 × 2.125 in),
 * in the plan's colours with its logo drawn as vector shapes. The PDF uses the standard Helvetica font, which has no
 * Chinese, Korean, Armenian, Khmer, Persian, Arabic, Russian or Vietnamese letters: the back prints the taglines it can
 * print (English, Spanish, Tagalog), and the HTML card prints all eleven.
 */
@Component
class IdCardPdf {

    /** Taglines the standard PDF font can print. */
    private static final Set<String> PDF_TAGLINES = Set.of("en", "es", "tl");

    private static final float WIDTH = 243;
    private static final float HEIGHT = 153;

    private final MessageSource messages;
    private final Color brand;
    private final Color accent;

    IdCardPdf(MessageSource messages, Brand brand) {
        this.messages = messages;
        this.brand = Color.decode(brand.primary());
        this.accent = Color.decode(brand.accent());
    }

    byte[] render(IdCard card, Locale locale) {
        var out = new ByteArrayOutputStream();
        var document = new Document(new Rectangle(WIDTH, HEIGHT), 8, 8, 6, 6);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.open();
        front(document, writer, card, locale);
        document.newPage();
        back(document, card, locale);
        document.close();
        return out.toByteArray();
    }

    private void front(Document document, PdfWriter writer, IdCard card, Locale locale) {
        Font white = new Font(Font.HELVETICA, 8, Font.BOLD, Color.WHITE);
        Font whiteSmall = new Font(Font.HELVETICA, 6.5f, Font.NORMAL, Color.WHITE);
        var band = new PdfPTable(new float[] {1f, 6f});
        band.setWidthPercentage(100);
        PdfPCell logoSpace = new PdfPCell(new Phrase(" "));
        logoSpace.setBorder(Rectangle.NO_BORDER);
        logoSpace.setBackgroundColor(brand);
        logoSpace.setFixedHeight(28);
        band.addCell(logoSpace);
        var title = new Paragraph(card.planName(), white);
        title.add(new Phrase(
                "\n"
                        + (card.productLine() == null
                                ? msg("coverage.status.inactive", locale)
                                : card.productLine().name()),
                whiteSmall));
        PdfPCell titleCell = new PdfPCell(title);
        titleCell.setBorder(Rectangle.NO_BORDER);
        titleCell.setBackgroundColor(brand);
        band.addCell(titleCell);
        PdfPCell stripe = new PdfPCell(new Phrase(""));
        stripe.setColspan(2);
        stripe.setFixedHeight(2.5f);
        stripe.setBorder(Rectangle.NO_BORDER);
        stripe.setBackgroundColor(accent);
        band.addCell(stripe);
        document.add(band);
        logo(writer.getDirectContent(), 11, HEIGHT - 6 - 26, 24);

        var fields = new PdfPTable(2);
        fields.setWidthPercentage(100);
        var m = card.member();
        field(fields, msg("coverage.member.name", locale), m.fullName(), 2);
        field(fields, msg("coverage.member.id", locale), m.memberId(), 1);
        field(fields, msg("coverage.member.cin", locale), m.cin() == null ? "—" : m.cin(), 1);
        if (card.span() != null) {
            field(fields, msg("coverage.card.product", locale), card.productName(), 1);
            field(
                    fields,
                    msg("coverage.card.effective", locale),
                    card.span().begin().format(DateTimeFormatter.ofPattern("MM/dd/yyyy")),
                    1);
            String pcp = card.pcpName() == null ? msg("coverage.card.nopcp", locale) : card.pcpName();
            if (card.pcp() != null && card.pcp().phone() != null) {
                pcp += " · " + card.pcp().phone();
            }
            field(fields, msg("coverage.member.pcp", locale), pcp, 2);
            if (card.pcp() != null && card.pcp().medicalGroup() != null) {
                field(fields, msg("coverage.card.group", locale), card.pcp().medicalGroup(), 2);
            }
        }
        document.add(fields);
        var n = card.numbers();
        if (n.hasPharmacy()) {
            var rx = new PdfPTable(3);
            rx.setWidthPercentage(100);
            field(rx, "RxBIN", n.rxBin(), 1);
            field(rx, "RxPCN", n.rxPcn(), 1);
            field(rx, "RxGRP", n.rxGroup(), 1);
            document.add(rx);
        } else if (card.span() != null) {
            document.add(new Paragraph(msg("coverage.card.rx.call", locale), new Font(Font.HELVETICA, 6)));
        }
    }

    private void back(Document document, IdCard card, Locale locale) {
        document.add(new Paragraph(msg("coverage.card.emergency", locale), new Font(Font.HELVETICA, 6.5f, Font.BOLD)));
        var line = card.productLine();
        if (line == null) {
            return;
        }
        var n = card.numbers();
        var phones = new PdfPTable(new float[] {3f, 2f});
        phones.setWidthPercentage(100);
        phone(
                phones,
                msg("coverage.card.memberServices", locale),
                line.memberPhone() + (n.ttyPhone() == null ? "" : " (TTY " + n.ttyPhone() + ")"));
        phone(phones, msg("coverage.card.nurse", locale), line.nursePhone());
        phone(phones, msg("coverage.card.behavioral", locale), n.behavioralPhone());
        phone(phones, msg("coverage.card.transport", locale), n.transportPhone());
        phone(phones, msg("coverage.card.rxPhone", locale), n.rxPhone());
        document.add(phones);
        Font small = new Font(Font.HELVETICA, 5);
        for (String[] t : IdCard.TAGLINES) {
            if (PDF_TAGLINES.contains(t[0])) {
                document.add(new Paragraph(t[1] + " " + line.memberPhone() + ".", small));
            }
        }
    }

    /** The logo of /img/logo.svg as vector shapes: a rounded square, an open circle and a heart. */
    private void logo(PdfContentByte canvas, float x, float y, float size) {
        float k = size / 64f;
        canvas.saveState();
        canvas.setColorFill(brand);
        canvas.roundRectangle(x, y, size, size, 14 * k);
        canvas.fill();
        canvas.setColorStroke(Color.WHITE);
        canvas.setLineWidth(7 * k);
        canvas.setLineCap(PdfContentByte.LINE_CAP_ROUND);
        // the arc from 40° to 320° (SVG's y runs down; PDF's up), centre (32, 32), radius 18
        canvas.arc(x + 14 * k, y + 14 * k, x + 50 * k, y + 50 * k, 40, 280);
        canvas.stroke();
        canvas.setColorFill(accent);
        canvas.moveTo(x + 32 * k, y + (64 - 42) * k);
        canvas.curveTo(
                x + 24 * k, y + (64 - 36) * k, x + 20 * k, y + (64 - 32.5f) * k, x + 20 * k, y + (64 - 28.2f) * k);
        canvas.curveTo(
                x + 20 * k,
                y + (64 - 25) * k,
                x + 22.4f * k,
                y + (64 - 22.8f) * k,
                x + 25.3f * k,
                y + (64 - 22.8f) * k);
        canvas.curveTo(
                x + 27.9f * k,
                y + (64 - 22.8f) * k,
                x + 30.3f * k,
                y + (64 - 24.4f) * k,
                x + 32 * k,
                y + (64 - 26.8f) * k);
        canvas.curveTo(
                x + 33.7f * k,
                y + (64 - 24.4f) * k,
                x + 36.1f * k,
                y + (64 - 22.8f) * k,
                x + 38.7f * k,
                y + (64 - 22.8f) * k);
        canvas.curveTo(
                x + 41.6f * k, y + (64 - 22.8f) * k, x + 44 * k, y + (64 - 25) * k, x + 44 * k, y + (64 - 28.2f) * k);
        canvas.curveTo(x + 44 * k, y + (64 - 32.5f) * k, x + 40 * k, y + (64 - 36) * k, x + 32 * k, y + (64 - 42) * k);
        canvas.fill();
        canvas.restoreState();
    }

    private static void field(PdfPTable table, String label, String value, int colspan) {
        var p = new Paragraph(label, new Font(Font.HELVETICA, 5, Font.NORMAL, Color.DARK_GRAY));
        p.add(new Phrase("\n" + (value == null ? "—" : value), new Font(Font.HELVETICA, 7, Font.BOLD)));
        PdfPCell cell = new PdfPCell(p);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setColspan(colspan);
        cell.setPaddingTop(0.5f);
        cell.setPaddingBottom(1);
        table.addCell(cell);
    }

    private static void phone(PdfPTable table, String label, String number) {
        if (number == null) {
            return;
        }
        PdfPCell a = new PdfPCell(new Paragraph(label, new Font(Font.HELVETICA, 6.5f)));
        a.setBorder(Rectangle.NO_BORDER);
        PdfPCell b = new PdfPCell(new Paragraph(number, new Font(Font.HELVETICA, 6.5f, Font.BOLD)));
        b.setBorder(Rectangle.NO_BORDER);
        table.addCell(a);
        table.addCell(b);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
