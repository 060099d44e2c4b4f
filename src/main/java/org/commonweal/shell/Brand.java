package org.commonweal.shell;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plan's look, from configuration ({@code commonweal.brand.*}): the logo, the main colour (header, ID card band)
 * and the accent colour. The defaults are Commonweal's own; a plan sets its own without touching templates. The
 * colours reach pages through {@code /css/brand.css} (the content security policy allows no inline styles) and the
 * PDF ID card directly.
 *
 * @param logo    path of the logo image served by the application (an SVG under {@code /img/} by default)
 * @param primary main colour as {@code #rrggbb}; white text on it must keep WCAG AA contrast (4.5:1)
 * @param accent  second colour as {@code #rrggbb}, for thin bands and rules
 */
@ConfigurationProperties("commonweal.brand")
public record Brand(
        @DefaultValue("/img/logo.svg") String logo,
        @DefaultValue("#0b4f6c") String primary,
        @DefaultValue("#f2a900") String accent) {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Brand {
        if (!COLOUR.matcher(primary).matches() || !COLOUR.matcher(accent).matches()) {
            throw new IllegalArgumentException("commonweal.brand.primary and .accent must be #rrggbb colours");
        }
        if (contrastWithWhite(primary) < 4.5) {
            throw new IllegalArgumentException("commonweal.brand.primary " + primary
                    + " is too light for white text (WCAG AA needs a contrast of 4.5:1)");
        }
    }

    /** The WCAG 2.1 contrast ratio of white on {@code colour}. */
    public static double contrastWithWhite(String colour) {
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(colour.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            l += weights[i] * c;
        }
        return 1.05 / (l + 0.05);
    }
}
