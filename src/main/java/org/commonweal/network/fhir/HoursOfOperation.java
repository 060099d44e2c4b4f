package org.commonweal.network.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Opening hours as the read model keeps them: {@code mon-fri 08:00-17:00}, blocks separated by semicolons. */
public record HoursOfOperation(List<String> days, String opens, String closes, boolean allDay) {

    private static final List<String> WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern BLOCK = Pattern.compile(
            "\\s*(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\\s+(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)\\s*");

    public static Optional<HoursOfOperation> parse(String block) {
        var m = BLOCK.matcher(block);
        if (!m.matches()) {
            return Optional.empty();
        }
        int from = WEEK.indexOf(m.group(1));
        int to = m.group(2) == null ? from : WEEK.indexOf(m.group(2));
        List<String> days = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            days.add(WEEK.get(d));
        }
        boolean allDay = m.group(3).equals("00:00") && m.group(4).equals("24:00");
        return Optional.of(new HoursOfOperation(days, m.group(3), m.group(4), allDay));
    }
}
