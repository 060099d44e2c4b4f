package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Validates a sample of every directory resource type, as the API serves it, against the Plan-Net 1.1.0 and US Core
 * 3.1.1 profiles from the offline packages in {@code ../shared/fhir}. Terminology the validator cannot check offline
 * (NUCC, Plan-Net's own code systems) is reported as warnings; structure and profile rules are errors.
 */
@IntegrationTest
class PlanNetValidationIntegrationTests {

    private static final Path PACKAGES = PlanNetSamples.PACKAGES;

    @Autowired
    DirectorySearch directory;

    @Autowired
    PlanNetImport planNet;

    @Autowired
    JdbcClient jdbc;

    /** The validator over the offline Plan-Net and US Core packages. */
    private static FhirValidator validator() throws Exception {
        assumeTrue(
                Files.isDirectory(PACKAGES),
                "FHIR packages not found at " + PACKAGES.toAbsolutePath() + ": Plan-Net profile validation skipped");
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
                org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport.IssueSeverity
                        .WARNING);
        var chain = new ValidationSupportChain(
                packages,
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownSystems);
        var instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setErrorForUnknownProfiles(true);
        return context.newValidator().registerValidatorModule(instanceValidator);
    }

    private static void validate(FhirValidator validator, String name, Resource resource, List<String> errors) {
        validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .forEach(m -> errors.add(name + " " + m.getLocationString() + ": " + m.getMessage()));
    }

    @Test
    void servedResourcesConformToPlanNetProfiles() throws Exception {
        FhirValidator validator = validator();
        List<String> errors = new ArrayList<>();
        int validated = 0;
        for (String[] sample : List.of(
                new String[] {"Practitioner", "pr-0"},
                new String[] {"Practitioner", "pr-1"},
                new String[] {"PractitionerRole", "role-0-0"},
                new String[] {"Location", "hosp-0-0"},
                new String[] {"Location", "mg-0-1"},
                new String[] {"Location", "rx-0-0"},
                new String[] {"Location", "fqhc-0-0"},
                new String[] {"Location", "la-county"},
                new String[] {"Organization", "hosp-0"},
                new String[] {"Organization", "mg-0"},
                new String[] {"Organization", "net-medi-cal"},
                new String[] {"Organization", "lacare"},
                new String[] {"OrganizationAffiliation", "aff-hosp-0"},
                new String[] {"HealthcareService", "hs-er-hosp-0"},
                new String[] {"InsurancePlan", "plan-medi-cal"},
                new String[] {"InsurancePlan", "plan-covered-ca"},
                new String[] {"Endpoint", "ep-hosp-0"})) {
            validate(validator, sample[0] + "/" + sample[1], directory.read(sample[0], sample[1]), errors);
            validated++;
        }
        assertThat(validated).isEqualTo(17);
        assertThat(errors).isEmpty();
    }

    /**
     * Imported data as served: every example of the Plan-Net package and the NPPES-shaped resources, imported and read
     * back, with zero errors (an import that trimmed or rewrote elements, such as a connection type moved into
     * another code system or an address dropped, fails here).
     */
    @Test
    void importedResourcesAsServedConformToPlanNetProfiles(@TempDir Path dir) throws Exception {
        FhirValidator validator = validator();
        Map<String, String> files = new TreeMap<>(PlanNetSamples.examples());
        files.putAll(PlanNetSamples.nppesShaped());
        List<String> references = PlanNetSamples.references(FhirContext.forR4Cached(), files);
        try {
            var report = planNet.importPath(PlanNetSamples.folder(dir, files), "test");
            assertThat(report.problems()).isEmpty();
            List<String> errors = new ArrayList<>();
            for (String reference : references) {
                String[] typeId = reference.split("/");
                validate(validator, reference, directory.read(typeId[0], typeId[1]), errors);
            }
            assertThat(references).hasSize(56);
            assertThat(errors).isEmpty();
        } finally {
            PlanNetSamples.remove(jdbc, references);
        }
    }
}
