package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.commonweal.audit.AuditAction;
import org.commonweal.platform.Csv;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The portfolio's awards as CSV or XLSX (one row per award), filtered like the dashboard; exports are audited. */
@Controller
class PortfolioExportController {

    static final List<String> COLUMNS = List.of(
            "award_number",
            "year",
            "program",
            "organization",
            "ein",
            "org_type",
            "spa",
            "title",
            "amount",
            "paid",
            "status");

    private final Portfolio portfolio;
    private final GrantsAudit audit;

    PortfolioExportController(Portfolio portfolio, GrantsAudit audit) {
        this.portfolio = portfolio;
        this.audit = audit;
    }

    @GetMapping("/grants/staff/portfolio.csv")
    void csv(
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            @RequestParam(required = false) String program,
            HttpServletResponse response,
            java.security.Principal p)
            throws IOException {
        var filter = filter(from, to, program);
        audit.change(p.getName(), AuditAction.EXPORT, "grant-portfolio", null, "CSV " + filter);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"chif-portfolio.csv\"");
        try (var csv = Csv.to(response.getWriter())) {
            csv.row(COLUMNS);
            portfolio.awards(
                    filter,
                    r -> csv.row(
                            r.awardNumber(),
                            String.valueOf(r.year()),
                            r.program(),
                            r.organization(),
                            r.ein(),
                            r.orgType(),
                            r.spa() == null ? "" : String.valueOf(r.spa()),
                            r.title(),
                            r.amount().toPlainString(),
                            r.paid().toPlainString(),
                            r.status()));
        }
    }

    @GetMapping("/grants/staff/portfolio.xlsx")
    void xlsx(
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            @RequestParam(required = false) String program,
            HttpServletResponse response,
            java.security.Principal p)
            throws IOException {
        var filter = filter(from, to, program);
        audit.change(p.getName(), AuditAction.EXPORT, "grant-portfolio", null, "XLSX " + filter);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"chif-portfolio.xlsx\"");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet("Awards");
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
            }
            int[] n = {1};
            portfolio.awards(filter, r -> {
                Row row = sheet.createRow(n[0]++);
                row.createCell(0).setCellValue(r.awardNumber());
                row.createCell(1).setCellValue(r.year());
                row.createCell(2).setCellValue(r.program());
                row.createCell(3).setCellValue(r.organization());
                row.createCell(4).setCellValue(r.ein());
                row.createCell(5).setCellValue(r.orgType());
                if (r.spa() != null) {
                    row.createCell(6).setCellValue(r.spa());
                }
                row.createCell(7).setCellValue(r.title());
                row.createCell(8).setCellValue(r.amount().doubleValue());
                row.createCell(9).setCellValue(r.paid().doubleValue());
                row.createCell(10).setCellValue(r.status());
            });
            workbook.write(response.getOutputStream());
            workbook.dispose();
        }
    }

    private static Portfolio.Filter filter(Integer from, Integer to, String program) {
        return new Portfolio.Filter(from, to, program == null || program.isBlank() ? null : program);
    }
}
