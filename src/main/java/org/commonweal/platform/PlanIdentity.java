package org.commonweal.platform;

import java.time.ZoneId;
import java.util.Currency;
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
 */
@ConfigurationProperties("commonweal.plan")
public record PlanIdentity(
        String name, String payerName, String payerId, ZoneId timeZone, Currency currency, ServiceArea serviceArea) {

    /** The FHIR identifier system of {@link #payerId()}. */
    public static final String PAYER_ID_SYSTEM = "https://commonweal.example.org/fhir/sid/payer-id";

    public PlanIdentity {
        Objects.requireNonNull(name, "commonweal.plan.name is required");
        Objects.requireNonNull(payerName, "commonweal.plan.payer-name is required");
        Objects.requireNonNull(payerId, "commonweal.plan.payer-id is required");
        Objects.requireNonNull(timeZone, "commonweal.plan.time-zone is required");
        Objects.requireNonNull(currency, "commonweal.plan.currency is required");
        Objects.requireNonNull(serviceArea, "commonweal.plan.service-area.* is required");
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
     */
    public record ServiceArea(String county, String countyFips, String countyCode, String state, String stateName) {

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
