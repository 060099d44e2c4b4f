package org.commonweal.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.commonweal.platform.Csv;

/** The NUCC taxonomy codes of the directory, read from {@code network/specialties.csv}. */
public final class Specialties {

    private static final Specialties INSTANCE = load();

    private final Map<String, Specialty> byCode;

    private Specialties(Map<String, Specialty> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static Specialties catalog() {
        return INSTANCE;
    }

    public List<Specialty> all() {
        return List.copyOf(byCode.values());
    }

    /** Specialties a person can have (not facility types). */
    public List<Specialty> practitionerSpecialties() {
        return byCode.values().stream()
                .filter(s -> !s.group().equals("facility"))
                .toList();
    }

    public Optional<Specialty> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.trim()));
    }

    /** Codes whose code, NUCC name or plain name (English or Spanish) contains {@code text}, ignoring case. */
    public List<String> codesMatching(String text) {
        String needle = text.toLowerCase(Locale.ROOT).strip();
        return byCode.values().stream()
                .filter(s -> s.code().equalsIgnoreCase(needle)
                        || s.display().toLowerCase(Locale.ROOT).contains(needle)
                        || s.plainEnglish().toLowerCase(Locale.ROOT).contains(needle)
                        || s.plainSpanish().toLowerCase(Locale.ROOT).contains(needle))
                .map(Specialty::code)
                .toList();
    }

    private static Specialties load() {
        Map<String, Specialty> map = new LinkedHashMap<>();
        try (InputStream in = Specialties.class.getClassLoader().getResourceAsStream("network/specialties.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource network/specialties.csv");
            }
            for (Csv.Row row : Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                if (row.blank() || row.values().getFirst().startsWith("#")) {
                    continue;
                }
                List<String> f = row.values();
                map.put(
                        f.get(0),
                        new Specialty(
                                f.get(0),
                                f.get(1),
                                f.get(2),
                                f.get(3),
                                f.get(4),
                                Double.parseDouble(f.get(5)),
                                f.get(6),
                                f.get(7)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Specialties(map);
    }
}
