package org.commonweal.platform;

/**
 * A text-message provider (Twilio, Amazon SNS, a county gateway…). None is wired in this project: declare a bean of
 * this type and the outbox sends its SMS through it; without one the log adapter keeps every SMS in
 * {@code platform.outbox_log} (the demo's), so nothing is lost. The outbox only hands over messages to phones whose
 * consent is on record ({@link SmsConsent}); a provider passes every inbound text to {@link SmsConsent#received}.
 */
public interface SmsChannel {

    /** The adapter name stored with each message it sent. */
    String name();

    /** Sends the text, or throws: the outbox then retries it later. */
    void send(String phone, String text);
}
