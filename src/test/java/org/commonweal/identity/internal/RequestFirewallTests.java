package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall's loops accept exactly what Spring Security's own patterns accept (its public default predicates). */
class RequestFirewallTests {

    @Test
    void everyCodePointAloneAsTheDefaultPatterns() {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String s = new String(Character.toChars(c));
            if (RequestFirewall.HEADER_VALUE.test(s) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s)
                    || RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test(s)
                            != StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s)
                    || RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test(s)
                            != StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(s)) {
                differ.add(c);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void refusesWhatTheDefaultRefuses() {
        assertThat(RequestFirewall.HEADER_VALUE.test("Bearer abc\tdef")).isTrue();
        assertThat(RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test("a\tb")).isFalse();
        assertThat(RequestFirewall.HEADER_VALUE.test("a\nb")).isFalse();
        assertThat(RequestFirewall.HEADER_VALUE.test("a\u0000")).isFalse();
        assertThat(RequestFirewall.HEADER_VALUE.test("\u0378")).isFalse(); // unassigned
        assertThat(RequestFirewall.HEADER_VALUE.test("")).isTrue();
        assertThat(RequestFirewall.HEADER_VALUE.test("Añorga 😀")).isTrue();
    }

    @Test
    void stringsWithSurrogatesTabsAndControlsAsTheDefaultPatterns() {
        var random = new Random(23);
        char[] pieces = {
            'a', 'Z', ' ', '\t', '\n', '\u007f', '\u0085', '\u00e9', '\u0378', '\ud83d', '\ude00', '\udb40', '\udc01',
            '\uffff', '\ufffe', '\u200b', '=', '|'
        };
        for (int i = 0; i < 200_000; i++) {
            var s = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = s.toString();
            assertThat(RequestFirewall.HEADER_VALUE.test(text))
                    .as(
                            "header value %s",
                            text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
            assertThat(RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test(text))
                    .as("name %s", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
        }
    }
}
