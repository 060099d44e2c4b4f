package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.commonweal.IntegrationTest;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;

/**
 * Validates a sample of every directory resource type, as the API serves it, against the Plan-Net 1.1.0 and US Core
 * 3.1.1 profiles from the offline packages in {@code ../shared/fhir}. Terminology the validator cannot check offline
 * (NUCC, Plan-Net's own code systems) is reported as warnings; structure and profile rules are errors.
 */
@IntegrationTest
class PlanNetValidationIntegrationTests {

    private static final Path PACKAGES = Path.of("..", "shared", "fhir");

    @Autowired
    DirectorySearch directory;

    @Test
    void servedResourcesConformToPlanNetProfiles() throws Exception {
        assumeTrue(Files.isDirectory(PACKAGES), "FHIR packages not found at " + PACKAGES.toAbsolutePath()
                + ": Plan-Net profile validation skipped");
        FhirContext context = FhirContext.forR4Cached();
        var packages = new PrePopulatedValidationSupport(context);
        for (String tgz : List.of("hl7.fhir.us.core-3.1.1.tgz", "hl7.fhir.us.davinci-pdex-plan-net-1.1.0.tgz")) {
            try (InputStream in = Files.newInputStream(PACKAGES.resolve(tgz))) {
                NpmPackage npm = NpmPackage.fromPackage(in);
                for (String file : npm.list("package")) {
                    if (!file.endsWith(".json") || file.equals("package.json") || file.startsWith(".")) {
                        continue;
                    }
                    try (InputStream resource = npm.load("package", file)) {
                        IBaseResource r = context.newJsonParser().parseResource(resource);
                        packages.addResource(r);
                    } catch (RuntimeException notAResource) {
                        // index and example files that are not conformance resources
                    }
                }
            }
        }
        var unknownSystems = new UnknownCodeSystemWarningValidationSupport(context);
        unknownSystems.setNonExistentCodeSystemSeverity(
                org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport.IssueSeverity.WARNING);
        var chain = new ValidationSupportChain(packages, new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context), unknownSystems);
        var instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setErrorForUnknownProfiles(true);
        FhirValidator validator = context.newValidator().registerValidatorModule(instanceValidator);

        List<String> errors = new ArrayList<>();
        int validated = 0;
        for (String[] sample : List.of(new String[] {"Practitioner", "pr-0"}, new String[] {"Practitioner", "pr-1"},
                new String[] {"PractitionerRole", "role-0-0"}, new String[] {"Location", "hosp-0-0"}, new String[] {"Location", "mg-0-1"},
                new String[] {"Location", "rx-0-0"}, new String[] {"Location", "fqhc-0-0"},
                new String[] {"Location", "la-county"}, new String[] {"Organization", "hosp-0"},
                new String[] {"Organization", "mg-0"}, new String[] {"Organization", "net-medi-cal"},
                new String[] {"Organization", "lacare"}, new String[] {"OrganizationAffiliation", "aff-hosp-0"},
                new String[] {"HealthcareService", "hs-er-hosp-0"}, new String[] {"InsurancePlan", "plan-medi-cal"},
                new String[] {"InsurancePlan", "plan-covered-ca"}, new String[] {"Endpoint", "ep-hosp-0"})) {
            Resource resource = directory.read(sample[0], sample[1]);
            var result = validator.validateWithResult(resource);
            validated++;
            result.getMessages().stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .forEach(m -> errors.add(sample[0] + "/" + sample[1] + " " + m.getLocationString() + ": "
                            + m.getMessage()));
        }
        assertThat(validated).isEqualTo(17);
        assertThat(errors).isEmpty();
    }
}
