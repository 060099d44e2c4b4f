package org.commonweal.platform.internal;

import java.util.Locale;
import java.util.Set;
import org.commonweal.platform.SmsConsent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link SmsConsent} over {@code platform.sms_consent}: one row per opt-in or opt-out, the latest counts. */
@Component
class JdbcSmsConsent implements SmsConsent {

    /** CTIA's standard opt-out words, and Spanish ones carriers honour. */
    static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ALTO", "PARAR", "BAJA");

    static final Set<String> START = Set.of("START", "UNSTOP", "YES", "SUBSCRIBE");

    private final JdbcClient jdbc;

    JdbcSmsConsent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void optIn(String phone, String wording, Locale locale, String source) {
        record(phone, true, wording, locale, source);
    }

    @Override
    public void optOut(String phone, String note, Locale locale, String source) {
        record(phone, false, note, locale, source);
    }

    @Override
    public boolean allows(String phone) {
        return SmsConsent.digits(phone)
                .flatMap(d -> jdbc.sql("""
                select opted_in from platform.sms_consent where phone = ? order by id desc limit 1""").param(d).query(Boolean.class).optional())
                .orElse(false);
    }

    @Override
    public Reply received(String phone, String text) {
        String word =
                text == null ? "" : text.strip().replaceAll("[^\\p{L}]+$", "").toUpperCase(Locale.ROOT);
        if (STOP.contains(word)) {
            record(phone, false, text.strip(), Locale.ENGLISH, "sms-reply");
            return Reply.STOPPED;
        }
        if (START.contains(word)) {
            record(phone, true, text.strip(), Locale.ENGLISH, "sms-reply");
            return Reply.STARTED;
        }
        return Reply.NONE;
    }

    private void record(String phone, boolean in, String wording, Locale locale, String source) {
        String digits = SmsConsent.digits(phone)
                .orElseThrow(() -> new IllegalArgumentException("not a ten-digit US phone number"));
        jdbc.sql("""
                insert into platform.sms_consent (phone, opted_in, wording, language, source) values (?, ?, ?, ?, ?)""")
                .params(digits, in, wording, locale.getLanguage().isEmpty() ? "en" : locale.getLanguage(), source)
                .update();
    }
}
