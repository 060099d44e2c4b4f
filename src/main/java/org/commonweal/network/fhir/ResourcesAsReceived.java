package org.commonweal.network.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resources imported from another Plan-Net server, kept as received ({@code resource_json}): the read model's columns
 * answer searches, the kept JSON answers reads, so every element and extension the source carried (telecom,
 * qualifications, hours, contacts, codings with their own systems, extensions this server does not know) is served
 * back unchanged. Only {@code meta.versionId} and {@code meta.lastUpdated} are this server's.
 */
final class ResourcesAsReceived {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Set<String> OWN = Set.of("id", "meta", "extension", "modifierExtension");

    private ResourcesAsReceived() {}

    /** The JSON to keep: the resource whole, without the version and time of the server it came from. */
    static String keep(Resource resource) {
        Resource copy = resource.copy();
        copy.getMeta().setVersionIdElement(null).setLastUpdatedElement(null);
        if (copy.getMeta().isEmpty()) {
            copy.setMeta(null);
        }
        return FHIR.newJsonParser().encodeResourceToString(copy);
    }

    static DomainResource read(String json) {
        return (DomainResource) FHIR.newJsonParser().parseResource(json);
    }

    /**
     * An entry imported whole and changed here afterwards (a network manager's correction, a roster): the resource
     * mapped from its columns, which carry the change, plus every element and extension of the kept resource that the
     * columns do not model, so a correction never drops what the import brought.
     */
    static void addUnmodelled(DomainResource mapped, DomainResource kept) {
        for (Property property : kept.children()) {
            if (!property.hasValues() || OWN.contains(property.getName())) {
                continue;
            }
            Property own = mapped.getNamedProperty(property.getName());
            if (own != null && own.hasValues()) {
                continue;
            }
            for (Base value : property.getValues()) {
                mapped.setProperty(property.getName(), value.copy());
            }
        }
        Set<String> urls = mapped.getExtension().stream().map(Extension::getUrl).collect(Collectors.toSet());
        kept.getExtension().stream()
                .filter(e -> !urls.contains(e.getUrl()))
                .forEach(e -> mapped.addExtension(e.copy()));
        Set<String> modifiers =
                mapped.getModifierExtension().stream().map(Extension::getUrl).collect(Collectors.toSet());
        kept.getModifierExtension().stream()
                .filter(e -> !modifiers.contains(e.getUrl()))
                .forEach(e -> mapped.addModifierExtension(e.copy()));
    }
}
