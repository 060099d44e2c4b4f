package org.commonweal.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * Consent to text messages (TCPA; CTIA messaging principles): nobody is texted without an opt-in recorded with the
 * words they were shown, when and where; a reply of STOP (or ALTO, UNSUBSCRIBE, CANCEL, END, QUIT, STOPALL, PARAR)
 * withdraws it, START or UNSTOP gives it again. The outbox checks it before every SMS it sends, so a STOP received
 * after a message was queued still stops it. Phones are compared by their ten digits ("(213) 555-0100",
 * "+1 213-555-0100").
 */
public interface SmsConsent {

    /** Records an opt-in: the words shown (in the person's language) and where it was given ({@code centers-registration}). */
    void optIn(String phone, String wording, Locale locale, String source);

    /** Records an opt-out made on a page or by staff; {@code note} says how. */
    void optOut(String phone, String note, Locale locale, String source);

    /** Whether the phone may be texted now: its latest record is an opt-in. */
    boolean allows(String phone);

    /** What a reply from a phone did to its consent. */
    enum Reply {
        STOPPED,
        STARTED,
        NONE
    }

    /**
     * A text received from a phone (a provider adapter hands every inbound message here): a stop word withdraws the
     * consent, a start word gives it again (recorded with the reply as its wording), anything else changes nothing.
     */
    Reply received(String phone, String text);

    /** The ten digits of a US phone number, or empty when it is not one. */
    static Optional<String> digits(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String d = phone.replaceAll("[^0-9]", "");
        if (d.length() == 11 && d.startsWith("1")) {
            d = d.substring(1);
        }
        return d.length() == 10 ? Optional.of(d) : Optional.empty();
    }
}
