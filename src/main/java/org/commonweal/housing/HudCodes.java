package org.commonweal.housing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** HUD HMIS codes used by Housing for Health (FY2024 HMIS CSV Format Specifications, Appendix B lists). */
public final class HudCodes {

    private HudCodes() {}

    /** 2.02.6 Project type. */
    public static final Map<Integer, String> PROJECT_TYPES = ordered(
            0,
            "Emergency Shelter – Entry Exit",
            1,
            "Emergency Shelter – Night-by-Night",
            2,
            "Transitional Housing",
            3,
            "PH – Permanent Supportive Housing",
            4,
            "Street Outreach",
            6,
            "Services Only",
            7,
            "Other",
            8,
            "Safe Haven",
            9,
            "PH – Housing Only",
            10,
            "PH – Housing with Services",
            11,
            "Day Shelter",
            12,
            "Homelessness Prevention",
            13,
            "PH – Rapid Re-Housing",
            14,
            "Coordinated Entry");

    /** 3.12.1 / 3.917 Living situation and destination option list. */
    public static final Map<Integer, String> LIVING_SITUATIONS = ordered(
            116,
            "Place not meant for habitation",
            101,
            "Emergency shelter, incl. hotel/motel paid with ES voucher",
            118,
            "Safe Haven",
            215,
            "Foster care home or group home",
            206,
            "Hospital or other residential non-psychiatric medical facility",
            207,
            "Jail, prison or juvenile detention facility",
            225,
            "Long-term care facility or nursing home",
            204,
            "Psychiatric hospital or other psychiatric facility",
            205,
            "Substance abuse treatment facility or detox center",
            302,
            "Transitional housing for homeless persons",
            329,
            "Residential project or halfway house",
            314,
            "Hotel or motel paid without ES voucher",
            332,
            "Host Home (non-crisis)",
            312,
            "Staying or living with family, temporary tenure",
            313,
            "Staying or living with friends, temporary tenure",
            327,
            "Moved from one HOPWA funded project to HOPWA TH",
            422,
            "Staying or living with family, permanent tenure",
            423,
            "Staying or living with friends, permanent tenure",
            426,
            "Moved from one HOPWA funded project to HOPWA PH",
            410,
            "Rental by client, no ongoing housing subsidy",
            435,
            "Rental by client, with ongoing housing subsidy",
            421,
            "Owned by client, with ongoing housing subsidy",
            411,
            "Owned by client, no ongoing housing subsidy",
            30,
            "No exit interview completed",
            17,
            "Other",
            24,
            "Deceased",
            37,
            "Worker unable to determine",
            8,
            "Client doesn't know",
            9,
            "Client prefers not to answer",
            99,
            "Data not collected");

    /** 3.12.A Rental subsidy type (with destination 435). */
    public static final Map<Integer, String> RENTAL_SUBSIDY_TYPES = ordered(
            419,
            "VASH housing subsidy",
            420,
            "Other permanent housing dedicated for formerly homeless persons",
            428,
            "GPD TIP housing subsidy",
            431,
            "RRH or equivalent subsidy",
            433,
            "HCV voucher (tenant or project based)",
            434,
            "Public housing unit",
            436,
            "Emergency Housing Voucher",
            437,
            "Family Unification Program Voucher",
            438,
            "Foster Youth to Independence Initiative",
            439,
            "Permanent Supportive Housing",
            440,
            "Other permanent housing dedicated for formerly homeless persons");

    /** 3.15.1 Relationship to head of household. */
    public static final Map<Integer, String> RELATIONSHIPS = ordered(
            1,
            "Self (head of household)",
            2,
            "Head of household's child",
            3,
            "Head of household's spouse or partner",
            4,
            "Head of household's other relation",
            5,
            "Other: non-relation member",
            99,
            "Data not collected");

    /** 1.8 No/Yes/Missing (veteran status, disabling condition). */
    public static final Map<Integer, String> NO_YES = ordered(
            0, "No", 1, "Yes", 8, "Client doesn't know", 9, "Client prefers not to answer", 99, "Data not collected");

    /** 3.01.5 Name data quality. */
    public static final Map<Integer, String> NAME_QUALITY = ordered(
            1,
            "Full name reported",
            2,
            "Partial, street name, or code name reported",
            8,
            "Client doesn't know",
            9,
            "Client prefers not to answer",
            99,
            "Data not collected");

    /** 3.03.2 Date of birth data quality. */
    public static final Map<Integer, String> DOB_QUALITY = ordered(
            1,
            "Full DOB reported",
            2,
            "Approximate or partial DOB reported",
            8,
            "Client doesn't know",
            9,
            "Client prefers not to answer",
            99,
            "Data not collected");

    /** 4.20.2 Coordinated entry event. */
    public static final Map<Integer, String> CE_EVENTS = ordered(
            1,
            "Referral to Prevention Assistance project",
            2,
            "Problem Solving/Diversion/Rapid Resolution",
            3,
            "Referral to scheduled CE Crisis Needs Assessment",
            4,
            "Referral to scheduled CE Housing Needs Assessment",
            5,
            "Referral to post-placement/follow-up case management",
            6,
            "Referral to Street Outreach",
            7,
            "Referral to Housing Navigation",
            10,
            "Referral to Emergency Shelter bed opening",
            11,
            "Referral to Transitional Housing bed/unit opening",
            13,
            "Referral to RRH project resource opening",
            14,
            "Referral to PSH project resource opening",
            15,
            "Referral to Other PH project/unit/resource opening",
            17,
            "Referral to Emergency Housing Voucher (EHV)",
            18,
            "Referral to a Housing Stability Voucher");

    /** 4.20.D Referral result. */
    public static final Map<Integer, String> REFERRAL_RESULTS = ordered(
            1,
            "Successful referral: client accepted",
            2,
            "Unsuccessful referral: client rejected",
            3,
            "Unsuccessful referral: provider rejected");

    /** FY2024 race and ethnicity columns of Client.csv, in file order. */
    public static final String[] RACE_COLUMNS = {
        "AmIndAKNative", "Asian", "BlackAfAmerican", "HispanicLatinaeo", "MidEastNAfrican", "NativeHIPacific", "White"
    };

    /** FY2024 gender columns of Client.csv, in file order. */
    public static final String[] GENDER_COLUMNS = {
        "Woman", "Man", "NonBinary", "CulturallySpecific", "Transgender", "Questioning", "DifferentIdentity"
    };

    /** Project types whose clients are homeless while enrolled (a new enrollment in one is a return). */
    public static boolean isHomelessProjectType(int type) {
        return type == 0 || type == 1 || type == 2 || type == 4 || type == 8 || type == 14;
    }

    /** Project types with a housing move-in date. */
    public static boolean isPermanentHousingProjectType(int type) {
        return type == 3 || type == 9 || type == 10 || type == 13;
    }

    /** The HUD class of a destination, by the hundreds digit of the FY2024 codes. */
    public enum DestinationClass {
        HOMELESS,
        INSTITUTIONAL,
        TEMPORARY,
        PERMANENT,
        OTHER;

        public static DestinationClass of(int code) {
            return switch (code / 100) {
                case 1 -> HOMELESS;
                case 2 -> INSTITUTIONAL;
                case 3 -> TEMPORARY;
                case 4 -> PERMANENT;
                default -> OTHER;
            };
        }
    }

    public static Optional<String> label(Map<Integer, String> list, Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(list.get(code));
    }

    private static Map<Integer, String> ordered(Object... pairs) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Integer) pairs[i], (String) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
