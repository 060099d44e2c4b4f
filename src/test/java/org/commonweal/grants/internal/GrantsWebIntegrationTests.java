package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class GrantsWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    GrantsCatalog catalog;

    @Autowired
    OrganizationRegistry organizations;

    @Autowired
    ApplicationDesk applications;

    @Test
    void opportunitiesArePublicInEnglishAndSpanish() throws Exception {
        mvc.perform(get("/grants/opportunities"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Robert E. Tranquada Safety Net Awards")))
                .andExpect(content().string(containsString("Deadline")));
        mvc.perform(get("/grants/opportunities").param("lang", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Premios Robert E. Tranquada")))
                .andExpect(content().string(containsString("Fecha límite")));
    }

    @Test
    void opportunitiesJsonUsesCommonGrantsFieldNamesWithoutALogin() throws Exception {
        mvc.perform(get("/api/grants/opportunities"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").exists())
                .andExpect(jsonPath("$.items[0].title").exists())
                .andExpect(jsonPath("$.items[0].status.value").exists())
                .andExpect(
                        jsonPath("$.items[0].funding.maxAwardAmount.currency").value("USD"))
                .andExpect(jsonPath("$.items[0].funding.minAwardAmount.amount").exists())
                .andExpect(jsonPath("$.items[0].funding.totalAmountAvailable.amount")
                        .exists())
                .andExpect(jsonPath("$.items[0].keyDates.closeDate.date").exists())
                .andExpect(jsonPath("$.items[0].keyDates.postDate.date").exists())
                .andExpect(jsonPath("$.paginationInfo.totalItems").exists());
        mvc.perform(get("/api/grants/opportunities/999999")).andExpect(status().isNotFound());
    }

    @Test
    void theAwardLetterAndPaymentSummaryArePdfsWithTheAward() throws Exception {
        byte[] letter = mvc.perform(get("/grants/staff/awards/1/letter.pdf")
                        .with(user("grants-officer").roles("GRANTS_OFFICER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var pdf = Loader.loadPDF(letter)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains("Award letter CHIF-")
                    .contains("Payment schedule")
                    .contains("EIN 95-");
        }
        byte[] payments = mvc.perform(get("/grants/staff/awards/1/payments.pdf")
                        .with(user("grants-officer").roles("GRANTS_OFFICER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var pdf = Loader.loadPDF(payments)) {
            assertThat(new PDFTextStripper().getText(pdf))
                    .contains("Payment summary")
                    .contains("Remaining: $0.00");
        }
    }

    @Test
    void exportsThePortfolioAsCsvAndXlsx() throws Exception {
        String csv = mvc.perform(get("/grants/staff/portfolio.csv")
                        .param("program", "HHC")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).startsWith("award_number,year,program,organization,ein");
        assertThat(lines.length - 1).isBetween(90, 110);
        byte[] xlsx = mvc.perform(get("/grants/staff/portfolio.xlsx")
                        .param("from", "2017")
                        .param("to", "2021")
                        .param("program", "HHC")
                        .with(user("grants-officer").roles("GRANTS_OFFICER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            double total = 0;
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                total += sheet.getRow(i).getCell(8).getNumericCellValue();
            }
            assertThat(total).isEqualTo(20_000_000d);
        }
    }

    @Test
    void aGranteeCannotAttachAnExecutableAndSeesWhy() throws Exception {
        var org = organizations.byRef("DEMO-GRANTEE-ORG").orElseThrow();
        var cycle = catalog.openOrUpcoming(Instant.now()).stream()
                .filter(c -> c.status(Instant.now()).equals("open"))
                .findFirst()
                .orElseThrow();
        long app = applications.start(cycle.id(), org.id(), "grantee", Instant.now());
        mvc.perform(multipart("/grants/my/applications/" + app + "/attachments")
                        .file(new MockMultipartFile(
                                "file", "setup.exe", "application/octet-stream", new byte[] {77, 90}))
                        .with(user("grantee").roles("GRANTEE"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", containsString("only PDF")));
        mvc.perform(get("/grants/my/applications/" + app)
                        .with(user("grant-reviewer").roles("GRANTEE")))
                .andExpect(status().isForbidden());
    }

    @Test
    void registeringAnOrganizationCreatesAGranteeLoginLinkedByEin() throws Exception {
        String ein = String.format("77-%07d", System.nanoTime() % 10_000_000);
        String login = "clinic" + System.nanoTime() % 1_000_000;
        mvc.perform(post("/grants/register")
                        .with(csrf())
                        .param("ein", ein)
                        .param("legalName", "Harbor Free Clinic")
                        .param("orgType", "FREE_CLINIC")
                        .param("contactName", "Ana Ruiz")
                        .param("contactEmail", "ana@example.org")
                        .param("username", login)
                        .param("password", "a-long-password-123"))
                .andExpect(flash().attribute("doneKey", "grants.register.done"));
        mvc.perform(get("/grants/my").with(user(login).roles("GRANTEE")))
                .andExpect(content().string(containsString("Harbor Free Clinic")));
        mvc.perform(post("/grants/register")
                        .with(csrf())
                        .param("ein", ein.replace("-", ""))
                        .param("legalName", "Copy")
                        .param("orgType", "FREE_CLINIC")
                        .param("contactName", "X")
                        .param("contactEmail", "x@example.org")
                        .param("username", login + "b")
                        .param("password", "a-long-password-123"))
                .andExpect(flash().attribute("error", containsString("already registered")));
    }

    /** #18: the public registration form shows every problem at once, named in words, in Spanish too. */
    @Test
    void aBadRegistrationComesBackWithEveryProblemAtOnceAndCreatesNothing() throws Exception {
        String login = "x";
        String page = mvc.perform(post("/grants/register")
                        .with(csrf())
                        .param("lang", "es")
                        .param("ein", "12")
                        .param("legalName", "")
                        .param("orgType", "SPACE_AGENCY")
                        .param("zip", "ABC")
                        .param("spa", "nueve")
                        .param("contactName", "Ana Ruiz")
                        .param("contactEmail", "foo@")
                        .param("username", login)
                        .param("password", "short"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#r-ein\"",
                        "EIN: escriba los nueve dígitos del EIN",
                        "href=\"#r-name\"",
                        "Nombre legal: escriba un valor",
                        "href=\"#r-type\"",
                        "Tipo de organización: elija una opción",
                        "href=\"#r-zip\"",
                        "Código postal:",
                        "href=\"#r-spa\"",
                        "SPA: escriba un número entero",
                        "href=\"#r-email\"",
                        "Correo del contacto:",
                        "href=\"#r-username\"",
                        "Su nombre de usuario: use de 3 a 64",
                        "href=\"#r-password\"",
                        "Contraseña (al menos 12 caracteres): use al menos 12 caracteres",
                        "value=\"Ana Ruiz\"",
                        "value=\"nueve\"")
                .doesNotContain("value=\"short\"");
        assertThat(organizations.byEin("12")).isEmpty();
    }
}
