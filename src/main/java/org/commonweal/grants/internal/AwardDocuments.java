package org.commonweal.grants.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.Formats;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Award letters and payment summaries as PDF (OpenPDF). Producing one is recorded in the audit trail. */
@Component
class AwardDocuments {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 11);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);

    private final AwardDesk awards;
    private final ReportingDesk reporting;
    private final GrantsAudit audit;

    private final Formats formats;
    /** The letterhead: "L.A. Care Health Plan — Community Health Investment Fund" for the demo. */
    private final String letterhead;

    AwardDocuments(AwardDesk awards, ReportingDesk reporting, GrantsAudit audit, Formats formats, PlanIdentity plan) {
        this.formats = formats;
        this.letterhead = plan.name() + " — Community Health Investment Fund";
        this.awards = awards;
        this.reporting = reporting;
        this.audit = audit;
    }

    byte[] awardLetter(long awardId) {
        var award = find(awardId);
        audit.read("grant-award", awardId, "award letter PDF");
        return pdf(doc -> {
            doc.add(new Paragraph(letterhead, BOLD));
            doc.add(new Paragraph(LocalDate.now().toString(), BODY));
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Award letter " + award.awardNumber(), TITLE));
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph(award.organizationName() + " (EIN " + award.ein() + ")", BOLD));
            doc.add(new Paragraph(
                    "We are pleased to inform you that the Board of Governors approved a grant of "
                            + formats.money(award.amount(), Locale.ENGLISH) + " under the " + award.programName()
                            + " program for the project \""
                            + award.title() + "\", for the period " + award.startsOn() + " to " + award.endsOn() + ".",
                    BODY));
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Payment schedule", BOLD));
            PdfPTable table = table("Tranche", "Due", "Milestone", "Amount", "Status");
            for (var d : awards.disbursements(awardId)) {
                row(
                        table,
                        String.valueOf(d.seq()),
                        d.dueOn().toString(),
                        d.milestone() == null ? "" : d.milestone(),
                        formats.money(d.amount(), Locale.ENGLISH),
                        d.status().name());
            }
            doc.add(table);
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Reports due", BOLD));
            PdfPTable reports = table("Report", "Due", "Status");
            for (var r : reporting.forAward(awardId)) {
                row(reports, r.kind(), r.effectiveDue().toString(), r.status());
            }
            doc.add(reports);
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph(
                    "Payments never exceed the amount awarded. Please sign and return the grant agreement.", BODY));
        });
    }

    byte[] paymentSummary(long awardId) {
        var award = find(awardId);
        audit.read("grant-award", awardId, "payment summary PDF");
        return pdf(doc -> {
            doc.add(new Paragraph("Payment summary " + award.awardNumber(), TITLE));
            doc.add(new Paragraph(award.organizationName() + " (EIN " + award.ein() + ") — " + award.title(), BODY));
            doc.add(new Paragraph(" "));
            PdfPTable table = table("Tranche", "Due", "Amount", "Status", "Approved by", "Paid on");
            BigDecimal paid = BigDecimal.ZERO;
            for (var d : awards.disbursements(awardId)) {
                row(
                        table,
                        String.valueOf(d.seq()),
                        d.dueOn().toString(),
                        formats.money(d.amount(), Locale.ENGLISH),
                        d.status().name(),
                        d.approvedBy() == null ? "" : d.approvedBy(),
                        d.paidOn() == null ? "" : d.paidOn().toString());
                if (d.status() == org.commonweal.grants.lifecycle.DisbursementStatus.PAID) {
                    paid = paid.add(d.amount());
                }
            }
            doc.add(table);
            doc.add(new Paragraph(" "));
            doc.add(new Paragraph("Awarded: " + formats.money(award.amount(), Locale.ENGLISH), BOLD));
            doc.add(new Paragraph("Paid: " + formats.money(paid, Locale.ENGLISH), BOLD));
            doc.add(new Paragraph("Remaining: " + formats.money(award.amount().subtract(paid), Locale.ENGLISH), BOLD));
            for (var a : awards.amendments(awardId)) {
                doc.add(new Paragraph(
                        "Amended " + a.amendedAt().toString().substring(0, 10) + ": "
                                + formats.money(a.oldAmount(), Locale.ENGLISH) + " → "
                                + formats.money(a.newAmount(), Locale.ENGLISH) + " (" + a.reason() + ")",
                        BODY));
            }
        });
    }

    private AwardDesk.Award find(long awardId) {
        return awards.find(awardId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private interface Content {
        void write(Document doc) throws Exception;
    }

    private static byte[] pdf(Content content) {
        var out = new ByteArrayOutputStream();
        Document doc = new Document();
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            content.write(doc);
        } catch (Exception e) {
            throw new IllegalStateException("PDF could not be written", e);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    private static PdfPTable table(String... headers) {
        PdfPTable table = new PdfPTable(headers.length);
        table.setWidthPercentage(100);
        for (String h : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(h, BOLD));
            cell.setHorizontalAlignment(Element.ALIGN_LEFT);
            table.addCell(cell);
        }
        return table;
    }

    private static void row(PdfPTable table, String... values) {
        for (String v : values) {
            table.addCell(new Phrase(v, BODY));
        }
    }
}
