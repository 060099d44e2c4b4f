package org.commonweal.coverage.internal;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The printable member ID card: credit-card proportions, member id, plan, PCP and phone numbers. */
@Component
class IdCardPdf {

    private final MessageSource messages;

    IdCardPdf(MessageSource messages) {
        this.messages = messages;
    }

    byte[] render(SelfServiceController.IdCard card, Locale locale) {
        var out = new ByteArrayOutputStream();
        // 3.375 x 2.125 inches, with a margin
        var document = new Document(new Rectangle(260, 170), 10, 10, 10, 10);
        PdfWriter.getInstance(document, out);
        document.open();
        Font title = new Font(Font.HELVETICA, 10, Font.BOLD);
        Font label = new Font(Font.HELVETICA, 6, Font.NORMAL);
        Font value = new Font(Font.HELVETICA, 8, Font.BOLD);
        var m = card.member();
        String plan = card.productLine() == null ? msg("coverage.status.inactive", locale) : card.productLine().name();
        Paragraph head = new Paragraph(card.planName(), title);
        head.setAlignment(Element.ALIGN_LEFT);
        document.add(head);
        document.add(new Paragraph(plan, value));
        var table = new PdfPTable(2);
        table.setWidthPercentage(100);
        row(table, msg("coverage.member.name", locale), m.fullName(), label, value);
        row(table, msg("coverage.member.id", locale), m.memberId(), label, value);
        if (m.cin() != null) {
            row(table, msg("coverage.member.cin", locale), m.cin(), label, value);
        }
        if (card.span() != null) {
            row(table, msg("coverage.card.plan", locale), card.span().planCode(), label, value);
            row(table, msg("coverage.card.since", locale), card.span().begin().toString(), label, value);
            if (card.span().pcpName() != null) {
                row(table, msg("coverage.member.pcp", locale), card.span().pcpName() + " · " + card.span().pcpLocation(),
                        label, value);
            }
        }
        if (card.productLine() != null) {
            row(table, msg("coverage.card.memberServices", locale), card.productLine().memberPhone(), label, value);
            if (card.productLine().nursePhone() != null) {
                row(table, msg("coverage.card.nurse", locale), card.productLine().nursePhone(), label, value);
            }
        }
        document.add(table);
        document.close();
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String name, String text, Font label, Font value) {
        PdfPCell a = new PdfPCell(new Paragraph(name, label));
        a.setBorder(Rectangle.NO_BORDER);
        PdfPCell b = new PdfPCell(new Paragraph(text, value));
        b.setBorder(Rectangle.NO_BORDER);
        table.addCell(a);
        table.addCell(b);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
