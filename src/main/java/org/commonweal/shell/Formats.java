package org.commonweal.shell;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Locale;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one formatter of what people read: dates, times, numbers and money in the page's language, times on the plan's
 * wall clock, money in the plan's currency. Templates call it as {@code ${@formats.dateTime(x)}}; code that writes
 * for a person outside a request passes the locale.
 */
@Component("formats")
public class Formats {

    private final ZoneId zone;
    private final Currency currency;

    Formats(PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.currency = plan.currency();
    }

    /** "Dec 5, 2026" / "5 dic 2026"; empty for none. */
    public String date(TemporalAccessor day) {
        return date(day, LocaleContextHolder.getLocale());
    }

    public String date(TemporalAccessor day, Locale locale) {
        if (day == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale)
                .format(localDate(day));
    }

    /** A month, "Dec 2026" / "dic 2026"; empty for none. */
    public String month(TemporalAccessor month) {
        if (month == null) {
            return "";
        }
        return DateTimeFormatter.ofPattern("MMM yyyy", LocaleContextHolder.getLocale())
                .format(month);
    }

    /** "Dec 5, 2026, 3:30 PM" / "5 dic 2026, 15:30" on the plan's clock; empty for none. */
    public String dateTime(TemporalAccessor moment) {
        return dateTime(moment, LocaleContextHolder.getLocale());
    }

    public String dateTime(TemporalAccessor moment, Locale locale) {
        if (moment == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .format(zoned(moment));
    }

    /** The time of day on the plan's clock, "3:30 PM" / "15:30"; empty for none. */
    public String time(TemporalAccessor moment) {
        if (moment == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale())
                .format(zoned(moment));
    }

    /** With seconds, for records where the order of events matters (the audit log); empty for none. */
    public String exactTime(TemporalAccessor moment) {
        if (moment == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale())
                .format(zoned(moment));
    }

    /** As {@link #dateTime}, with the zone's short name ("PST"), for deadlines read from elsewhere. */
    public String deadline(TemporalAccessor moment) {
        if (moment == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return dateTime(moment, locale) + " "
                + DateTimeFormatter.ofPattern("zzz", locale).format(zoned(moment));
    }

    /** "$2,150.00" / "2150,00 US$": the plan's currency, never the "¤" placeholder. */
    public String money(BigDecimal amount) {
        return money(amount, LocaleContextHolder.getLocale());
    }

    public String money(BigDecimal amount, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        return format.format(amount);
    }

    /**
     * Opening hours in words in the page's language ("Mon–Fri 9 am–5 pm" / "lun–vie 9:00–17:00"); hours typed in
     * another form are shown as typed; empty for none.
     */
    public String hours(String hours) {
        return hours(hours, LocaleContextHolder.getLocale());
    }

    public String hours(String hours, Locale locale) {
        return hours == null ? "" : OpeningHours.words(hours, locale).orElse(hours.strip());
    }

    /** Whole units of the plan's currency for totals, "$12,345" / "12.345 US$". */
    public String wholeMoney(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
        format.setCurrency(currency);
        format.setMaximumFractionDigits(0);
        format.setMinimumFractionDigits(0);
        return format.format(amount);
    }

    /** "12,345" / "12.345". */
    public String number(Number value) {
        return value == null
                ? ""
                : NumberFormat.getNumberInstance(LocaleContextHolder.getLocale())
                        .format(value);
    }

    private ZonedDateTime zoned(TemporalAccessor moment) {
        return switch (moment) {
            case Instant i -> i.atZone(zone);
            case OffsetDateTime o -> o.atZoneSameInstant(zone);
            case ZonedDateTime z -> z.withZoneSameInstant(zone);
            case LocalDateTime wall -> wall.atZone(zone);
            default -> ZonedDateTime.from(moment).withZoneSameInstant(zone);
        };
    }

    private LocalDate localDate(TemporalAccessor day) {
        return switch (day) {
            case LocalDate d -> d;
            case Instant i -> i.atZone(zone).toLocalDate();
            case OffsetDateTime o -> o.atZoneSameInstant(zone).toLocalDate();
            case ZonedDateTime z -> z.withZoneSameInstant(zone).toLocalDate();
            case LocalDateTime wall -> wall.toLocalDate();
            default -> LocalDate.from(day);
        };
    }
}
