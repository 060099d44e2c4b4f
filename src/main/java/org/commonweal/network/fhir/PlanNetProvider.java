package org.commonweal.network.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InsurancePlan;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.OrganizationAffiliation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.stereotype.Component;

/**
 * Public Plan-Net read and search of one resource type; the search parameters of each are in {@link PlanNetTables}.
 * One class for the eight Plan-Net types: HAPI serves one provider object per type, so {@link Registrar} declares
 * one bean of this class for each type in {@link #TYPES}.
 */
public final class PlanNetProvider<T extends Resource> implements IResourceProvider {

    /** The Plan-Net resource types served at {@code /fhir}. */
    static final List<Class<? extends Resource>> TYPES = List.of(
            Practitioner.class,
            PractitionerRole.class,
            Organization.class,
            OrganizationAffiliation.class,
            Location.class,
            HealthcareService.class,
            InsurancePlan.class,
            Endpoint.class);

    private final Class<T> type;
    private final String name;
    private final DirectorySearch directory;

    PlanNetProvider(Class<T> type, DirectorySearch directory) {
        this.type = type;
        this.name = type.getSimpleName();
        this.directory = directory;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        return type.cast(directory.read(name, id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search(name, request.getParameters(), request.getFhirServerBase());
    }

    /** Declares {@code planNet<Type>Provider} for each of {@link #TYPES}. */
    @Component
    static class Registrar implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            for (Class<? extends Resource> type : TYPES) {
                registry.registerBeanDefinition("planNet" + type.getSimpleName() + "Provider", definition(type));
            }
        }

        private static <R extends Resource> BeanDefinition definition(Class<R> type) {
            var definition = new RootBeanDefinition(PlanNetProvider.class);
            definition.setTargetType(
                    org.springframework.core.ResolvableType.forClassWithGenerics(PlanNetProvider.class, type));
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
            definition.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            return definition;
        }
    }
}
