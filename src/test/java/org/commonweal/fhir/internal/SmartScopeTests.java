package org.commonweal.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMART v2 scopes (App Launch 2.x §"Scopes for requesting clinical data") in the system and patient contexts. */
class SmartScopeTests {

    @Test
    void aPatientScopeIsReadInThePatientContextOnly() {
        assertThat(SmartScope.parse("patient", "patient/Coverage.rs")).isEqualTo(new SmartScope("Coverage", "rs"));
        assertThat(SmartScope.parse("patient/Coverage.rs")).isNull();
        assertThat(SmartScope.parse("patient", "system/Coverage.rs")).isNull();
        assertThat(SmartScope.parse("patient", "patient/Patient.read")).isEqualTo(new SmartScope("Patient", "rs"));
        assertThat(SmartScope.parse("patient", "launch/patient")).isNull();
        assertThat(SmartScope.parse("patient", "patient/Patient.")).isNull();
    }

    @Test
    void systemScopesAreReadAsBefore() {
        assertThat(SmartScope.parse("system/Patient.rs")).isEqualTo(new SmartScope("Patient", "rs"));
        assertThat(SmartScope.parse("system/*.write")).isEqualTo(new SmartScope("*", "cud"));
        assertThat(SmartScope.parse("system/Patient.sr")).isNull();
    }

    @Test
    void aReadOnlyOperationNeedsReadAndSearchAndAnyOtherOperationDelete() {
        var type = ca.uhn.fhir.rest.api.RestOperationTypeEnum.EXTENDED_OPERATION_TYPE;
        var instance = ca.uhn.fhir.rest.api.RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
        assertThat(SmartScope.permissions(type, "$care-gaps")).isEqualTo("rs");
        assertThat(SmartScope.permissions(instance, "$evaluate-measure")).isEqualTo("rs");
        assertThat(SmartScope.permissions(instance, "evaluate-measure")).isEqualTo("rs");
        assertThat(SmartScope.permissions(type, "$submit-data")).isEqualTo("d");
        assertThat(SmartScope.permissions(type, null)).isEqualTo("d");
        assertThat(SmartScope.permissions(ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ, null))
                .isEqualTo("r");
        assertThat(SmartScope.permissions(ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE, null))
                .isEqualTo("s");
    }
}
