package org.commonweal.centers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.SmsConsent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A person stops our texts on the web (#22): number, confirmation, an opt-out with source "web" and the words they
 * confirmed in their language; the same answer for a number we never texted; a malformed number refused with its
 * reason and nothing recorded; confirmations limited per address.
 */
@IntegrationTest
class TextStopIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SmsConsent consent;

    @Autowired
    JdbcClient jdbc;

    /** A fresh NANP number, (213) NXX-XXXX, unlikely to be used by another test. */
    static String newPhone() {
        var r = ThreadLocalRandom.current();
        return "(213) " + r.nextInt(200, 1000) + "-" + String.format("%04d", r.nextInt(10_000));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String randomAddress() {
        var r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private long rows(String phone) {
        return jdbc.sql("select count(*) from platform.sms_consent where phone = ?")
                .param(SmsConsent.digits(phone).orElseThrow())
                .query(Long.class)
                .single();
    }

    /** Goes through both steps; returns the done page. */
    private String stop(String phone, String language, String address) throws Exception {
        long before = rows(phone);
        String confirm = mvc.perform(post("/texts/stop")
                        .with(csrf())
                        .with(from(address))
                        .header("Accept-Language", language)
                        .param("phone", phone))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String digits = SmsConsent.digits(phone).orElseThrow();
        assertThat(confirm)
                .contains("(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6))
                .contains("id=\"texts-stop-confirm\"");
        assertThat(rows(phone)).as("nothing recorded before the confirmation").isEqualTo(before);
        mvc.perform(post("/texts/stop/confirm")
                        .with(csrf())
                        .with(from(address))
                        .header("Accept-Language", language)
                        .param("phone", phone))
                .andExpect(redirectedUrl("/texts/stop/done"));
        assertThat(rows(phone)).as("one opt-out recorded").isEqualTo(before + 1);
        return mvc.perform(get("/texts/stop/done").header("Accept-Language", language))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void aPersonStopsTextsToTheirNumberAndTheOptOutIsRecordedFromTheWeb() throws Exception {
        String phone = newPhone();
        consent.optIn(phone, "Text me the confirmation", Locale.ENGLISH, "centers-registration");
        assertThat(consent.allows(phone)).isTrue();
        String done = stop(phone, "es", randomAddress());
        assertThat(done).contains("Listo. Si este número recibía mensajes de texto nuestros");
        assertThat(consent.allows(phone)).as("texts stopped").isFalse();
        var row = jdbc.sql("""
                select source, language, wording, opted_in from platform.sms_consent where phone = ?
                order by id desc limit 1""")
                .param(SmsConsent.digits(phone).orElseThrow())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)})
                .single();
        assertThat(row[0]).isEqualTo("web");
        assertThat(row[1]).isEqualTo("es");
        assertThat((String) row[2]).startsWith("¿Dejar de enviar todo mensaje de texto nuestro al (213)");
        assertThat(row[3]).isEqualTo(false);
    }

    @Test
    void theAnswerIsTheSameForANumberWeNeverTexted() throws Exception {
        String known = newPhone();
        consent.optIn(known, "Text me", Locale.ENGLISH, "centers-registration");
        String unknown = newPhone();
        String a = stop(known, "en", randomAddress());
        String b = stop(unknown, "en", randomAddress());
        assertThat(strip(a)).isEqualTo(strip(b)).contains("If this number received text messages from us");
        assertThat(consent.allows(unknown)).isFalse();
    }

    /** A page without its per-request parts (CSRF token, nonce, request id). */
    private static String strip(String html) {
        return html.replaceAll("(value|content|nonce)=\"[^\"]*\"", "").replaceAll("data-request-id=\"[^\"]*\"", "");
    }

    @Test
    void aMalformedNumberIsRefusedWithItsReasonInThePagesLanguageAndNothingIsRecorded() throws Exception {
        for (String[] c : new String[][] {
            {"en", "555-0100", "Mobile phone number:"},
            {"es", "123 456 7890", "Número de celular:"},
            {"en", "", "type the ten-digit number"}
        }) {
            for (String step : new String[] {"/texts/stop", "/texts/stop/confirm"}) {
                String page = mvc.perform(post(step)
                                .with(csrf())
                                .header("Accept-Language", c[0])
                                .param("phone", c[1]))
                        .andExpect(status().is(422))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                assertThat(page).contains(c[2]).contains("id=\"error-summary\"");
            }
        }
        assertThat(jdbc.sql("select count(*) from platform.sms_consent where phone in ('5550100', '1234567890')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void confirmationsAreLimitedPerAddress() throws Exception {
        String address = randomAddress();
        for (int i = 0; i < 5; i++) {
            stop(newPhone(), "en", address);
        }
        String sixth = newPhone();
        String page = mvc.perform(post("/texts/stop/confirm")
                        .with(csrf())
                        .with(from(address))
                        .param("phone", sixth))
                .andExpect(status().is(429))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Too many requests from this connection");
        assertThat(rows(sixth)).as("nothing recorded over the limit").isZero();
        stop(sixth, "en", randomAddress());
        assertThat(rows(sixth)).as("another address is not limited").isEqualTo(1);
    }

    @Test
    void thePageIsPublicInBothLanguages() throws Exception {
        assertThat(mvc.perform(get("/texts/stop"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Stop text messages");
        assertThat(mvc.perform(get("/texts/stop").header("Accept-Language", "es"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Dejar de recibir mensajes de texto");
    }
}
