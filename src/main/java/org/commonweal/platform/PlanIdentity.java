package org.commonweal.platform;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the plan is, from configuration ({@code commonweal.plan.*}; the demo's values, L.A. Care's, are in
 * application.properties): the only place the plan's name, payer ids, time zone and currency are written. Modules
 * take it by injection once and keep what they need in fields, so no request looks a property up.
 *
 * @param name       the plan's name as people read it: FHIR {@code Coverage.payor} and
 *                   {@code CoverageEligibilityResponse.insurer} display, the member ID card
 * @param payerName  the payer's name in X12 (271 loop 2100A {@code NM1*PR} NM103), upper case as the X12 basic
 *                   character set has it
 * @param payerId    the payer's identifier in X12 (271 {@code NM1*PR} NM109, qualifier PI) and the FHIR payor
 *                   identifier
 * @param timeZone   the plan's wall clock: "today", months and days of reports, schedules and refresh times
 * @param currency   the currency amounts are kept and shown in
 * @param serviceArea the county the plan serves: adequacy exports, the HSDS service area and addresses
 * @param shortName  the name members use ("L.A. Care"): "an L.A. Care member", "your L.A. Care card"; the full
 *                   name when not set
 * @param partner    the plan that runs the Community Resource Centers with this one (its members are one kind of
 *                   registrant)
 */
@ConfigurationProperties("commonweal.plan")
public record PlanIdentity(
        String name,
        String payerName,
        String payerId,
        ZoneId timeZone,
        Currency currency,
        ServiceArea serviceArea,
        String shortName,
        PartnerPlan partner) {

    /** The FHIR identifier system of {@link #payerId()}. */
    public static final String PAYER_ID_SYSTEM = "https://commonweal.example.org/fhir/sid/payer-id";

    public PlanIdentity {
        Objects.requireNonNull(name, "commonweal.plan.name is required");
        Objects.requireNonNull(payerName, "commonweal.plan.payer-name is required");
        Objects.requireNonNull(payerId, "commonweal.plan.payer-id is required");
        Objects.requireNonNull(timeZone, "commonweal.plan.time-zone is required");
        Objects.requireNonNull(currency, "commonweal.plan.currency is required");
        Objects.requireNonNull(serviceArea, "commonweal.plan.service-area.* is required");
        Objects.requireNonNull(partner, "commonweal.plan.partner.* is required");
        if (shortName == null || shortName.isBlank()) {
            shortName = name;
        }
    }

    /**
     * The partner plan of the Community Resource Centers ({@code commonweal.plan.partner.*}); its code in stored
     * registrations stays {@code bsp}, only its words come from here.
     *
     * @param name      its full name ("Blue Shield of California Promise Health Plan")
     * @param brandName the name its members give when they say whose member they are ("Blue Shield of California
     *                  Promise"); the full name when not set
     * @param shortName the name in narrow places, such as a table column ("Blue Shield Promise"); the brand name
     *                  when not set
     */
    public record PartnerPlan(String name, String brandName, String shortName) {

        public PartnerPlan {
            Objects.requireNonNull(name, "commonweal.plan.partner.name is required");
            if (brandName == null || brandName.isBlank()) {
                brandName = name;
            }
            if (shortName == null || shortName.isBlank()) {
                shortName = brandName;
            }
        }
    }

    /**
     * The county a plan serves ({@code commonweal.plan.service-area.*}).
     *
     * @param county     the county's name without "County", as the state writes it ("Los Angeles")
     * @param countyFips the county's five-digit FIPS code (state and county, "06037")
     * @param countyCode the state's own code of the county in its Medicaid submissions (DHCS's county code in
     *                   California, "19"); the FIPS county part when the state has none
     * @param state      the state's USPS abbreviation ("CA")
     * @param stateName  the state's name ("California")
     * @param countyNames counties' names in other languages, by FIPS code then language tag
     *                   ({@code 06037.es: Los Ángeles}); keyed by the county so that a plan configuring another
     *                   county never inherits the demo's ({@code county} is the name in any language not listed)
     * @param exampleZip a ZIP code of the county shown as an example in forms ("90012")
     * @param examplePlaces two or three cities or neighbourhoods of the county shown as examples of a place to
     *                   search ("Pasadena", "San Pedro")
     * @param exampleAddress a street address of the county shown as an example ("1055 W 7th St, 90017")
     */
    public record ServiceArea(
            String county,
            String countyFips,
            String countyCode,
            String state,
            String stateName,
            Map<String, Map<String, String>> countyNames,
            String exampleZip,
            List<String> examplePlaces,
            String exampleAddress) {

        public ServiceArea {
            Objects.requireNonNull(county, "commonweal.plan.service-area.county is required");
            Objects.requireNonNull(countyFips, "commonweal.plan.service-area.county-fips is required");
            Objects.requireNonNull(state, "commonweal.plan.service-area.state is required");
            Objects.requireNonNull(stateName, "commonweal.plan.service-area.state-name is required");
            if (!countyFips.matches("[0-9]{5}")) {
                throw new IllegalArgumentException(
                        "commonweal.plan.service-area.county-fips: five digits expected, got " + countyFips);
            }
            if (!state.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException(
                        "commonweal.plan.service-area.state: a two-letter USPS abbreviation expected, got " + state);
            }
            if (countyCode == null || countyCode.isBlank()) {
                countyCode = countyFips.substring(2);
            }
            countyNames = countyNames == null ? Map.of() : Map.copyOf(countyNames);
            Objects.requireNonNull(exampleZip, "commonweal.plan.service-area.example-zip is required");
            if (!exampleZip.matches("[0-9]{5}")) {
                throw new IllegalArgumentException(
                        "commonweal.plan.service-area.example-zip: five digits expected, got " + exampleZip);
            }
            if (examplePlaces == null || examplePlaces.isEmpty()) {
                throw new IllegalArgumentException(
                        "commonweal.plan.service-area.example-places: at least one place is required");
            }
            examplePlaces = List.copyOf(examplePlaces);
            Objects.requireNonNull(exampleAddress, "commonweal.plan.service-area.example-address is required");
        }

        /** The county's name without "County" in a language ("Los Ángeles" in Spanish). */
        public String county(Locale language) {
            Map<String, String> names = countyNames.getOrDefault(countyFips, Map.of());
            return language == null ? county : names.getOrDefault(language.getLanguage(), county);
        }

        /** "Los Angeles County". */
        public String countyName() {
            return county + " County";
        }

        /** "Los Angeles County, California". */
        public String extent() {
            return countyName() + ", " + stateName;
        }
    }
}
