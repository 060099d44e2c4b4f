package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class GrantHistoryImportIntegrationTests {

    @Autowired
    GrantHistoryImport importer;

    @Autowired
    JdbcClient jdbc;

    // CORE only: the portfolio test checks the Oral Health, Homeless Health Care and Tranquada figures on the shared
    // database
    @Test
    void importsGoodRowsDeduplicatesOrganizationsByEinAndReportsBadRowsByLineAndField() throws Exception {
        String tag = String.valueOf(System.nanoTime() % 1_000_000);
        String ein = String.format("66-%07d", Long.parseLong(tag));
        String csv = String.join(
                "\n",
                String.join(",", GrantHistoryImport.COLUMNS),
                "IMP-" + tag + "-1,CORE," + ein
                        + ",\"Valley Dental, Inc.\",NON_PROFIT,91340,2,School sealants,\"120,000.00\",2004-09-01,,,CLOSED,120000",
                "IMP-" + tag + "-2,CORE," + ein.replace("-", "")
                        + ",Valley Dental Inc,NON_PROFIT,91340,2,X-ray unit,150000,2026-06-15,2026-07-01,2027-06-30,,",
                "IMP-" + tag + "-3,NOPE," + ein + ",Valley Dental,NON_PROFIT,91340,2,Bad program,1000,2010-06-15,,,,",
                "IMP-" + tag + "-4,CORE,12-34,Bad Ein Clinic,FQHC,90001,6,Bad EIN,1000,2010-06-15,,,,",
                "IMP-" + tag + "-5,CORE," + ein + ",Valley Dental,NON_PROFIT,91340,2,Overpaid,1000,2010-06-15,,,,2000",
                "IMP-" + tag + "-6,CORE," + ein + ",Valley Dental,NON_PROFIT,91340,2,Bad date,1000,15/06/2010,,,,",
                "IMP-" + tag + "-1,CORE," + ein + ",Valley Dental,NON_PROFIT,91340,2,Duplicate,1000,2004-09-01,,,,");
        var result = importer.importCsv(new StringReader(csv), "test");
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.errors())
                .hasSize(5)
                .anySatisfy(e -> assertThat(e).startsWith("line 4: program_code: unknown program 'NOPE'"))
                .anySatisfy(e -> assertThat(e).startsWith("line 5: organization_ein:"))
                .anySatisfy(e -> assertThat(e).startsWith("line 6: amount_paid:"))
                .anySatisfy(e -> assertThat(e).startsWith("line 7: awarded_on: '15/06/2010' is not a date"))
                .anySatisfy(e -> assertThat(e).startsWith("line 8: award_number:"));
        assertThat(jdbc.sql("select count(*) from grants.organization where ein = ?")
                        .param(ein)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select coalesce(sum(d.amount), 0) from grants.disbursement d join grants.award w on w.id = d.award_id where w.award_number = ?")
                        .param("IMP-" + tag + "-1")
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("120000");
    }

    @Test
    void refusesAFileWithTheWrongHeader() throws Exception {
        var result = importer.importCsv(new StringReader("number,amount\n1,2\n"), "test");
        assertThat(result.imported()).isZero();
        assertThat(result.errors()).singleElement().asString().startsWith("line 1: header must be award_number,");
    }
}
