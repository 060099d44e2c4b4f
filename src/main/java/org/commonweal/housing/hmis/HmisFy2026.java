package org.commonweal.housing.hmis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonweal.housing.HudCodes;

/**
 * What changed from FY2024 to FY2026 in the HMIS CSV files, and how a set is recognised by its version. Used to read
 * both and to write FY2026.
 */
final class HmisFy2026 {

    private HmisFy2026() {}

    enum Version {
        FY2026,
        FY2024
    }

    /** FY2026 race and ethnicity columns of Client.csv, in the order of {@link HudCodes#RACE_COLUMNS} (stored codes). */
    static final List<String> RACE_COLUMNS = List.of(
            "AmIndAKNative",
            "Asian",
            "BlackAfAmerican",
            "HispanicLatinao",
            "MidEastNAfrican",
            "NativeHIPacific",
            "White");

    /** Columns renamed in FY2026 (FY2024 name → FY2026 name). */
    static final Map<String, String> RENAMED = Map.of("HispanicLatinaeo", "HispanicLatinao");

    /** FY2024 columns whose data elements FY2026 retired: read from an FY2024 set, not written any more. */
    static final Map<String, List<String>> RETIRED = Map.of(
            "Client.csv",
                    List.of(
                            "Woman",
                            "Man",
                            "NonBinary",
                            "CulturallySpecific",
                            "Transgender",
                            "Questioning",
                            "DifferentIdentity",
                            "GenderNone",
                            "DifferentIdentityText"),
            "Enrollment.csv",
                    List.of(
                            "SexualOrientation",
                            "SexualOrientationOther",
                            "TranslationNeeded",
                            "PreferredLanguage",
                            "PreferredLanguageDifferent"));

    /** FY2026 4.21 Sex: 0 Female, 1 Male, 8 Client doesn't know, 9 Client prefers not to answer, 99 Data not collected. */
    static final Set<Integer> SEX = Set.of(0, 1, 8, 9, 99);

    /**
     * The version of a set from Export.csv's CSVVersion ("2026 v1.0", "2024 v1.3"…), or empty when it is neither
     * FY2026 nor FY2024.
     */
    static Optional<Version> version(String csvVersion) {
        String v = csvVersion == null ? "" : csvVersion.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("2026") || v.startsWith("fy2026") || v.startsWith("fy26")) {
            return Optional.of(Version.FY2026);
        }
        if (v.startsWith("2024") || v.startsWith("fy2024") || v.startsWith("fy24")) {
            return Optional.of(Version.FY2024);
        }
        return Optional.empty();
    }

    /**
     * A header as the FY2026 file spells it: renamed FY2024 columns get their new name, and a column that differs from
     * the specification only in letter case (WorkPlaceViolenceThreats) gets the specification's spelling. Other names
     * (retired or unknown columns) are returned as they are.
     */
    static String canonical(String file, String header) {
        String name = RENAMED.getOrDefault(header, header);
        List<String> columns = HmisColumns.FY2026.get(file);
        if (columns != null) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(name)) {
                    return column;
                }
            }
        }
        return name;
    }

    /** Whether a column (canonical name) belongs to a file of FY2026. */
    static boolean known(String file, String column) {
        List<String> columns = HmisColumns.FY2026.get(file);
        return columns != null && columns.contains(column);
    }
}
