package org.commonweal.quality.measure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * Answers the engine's retrieves ({@code [Condition: "Diabetes"]}) from one member's record held in memory: by
 * resource type, by the member (the context path, e.g. {@code subject}), and by code list or value set on the code
 * path. Profiles (template ids) are not checked, as in the reference evaluator's default: the measures union the
 * QI-Core profiles of one resource type themselves.
 */
class PatientRecordRetrieve implements RetrieveProvider {

    private final List<Resource> record;
    private final ModelResolver model;
    private final ValueSetExpansions valueSets;

    PatientRecordRetrieve(List<Resource> record, ModelResolver model, ValueSetExpansions valueSets) {
        this.record = record;
        this.model = model;
        this.valueSets = valueSets;
    }

    @Override
    public Iterable<Object> retrieve(
            String context,
            String contextPath,
            Object contextValue,
            String dataType,
            String templateId,
            String codePath,
            Iterable<Code> codes,
            String valueSet,
            String datePath,
            String dateLowPath,
            String dateHighPath,
            Interval dateRange) {
        if (dateRange != null) {
            // The published ELM is translated without date-range optimisation; refuse rather than over-include.
            throw new UnsupportedOperationException("date-range retrieves are not supported");
        }
        var wanted = codes == null ? null : codeKeys(codes);
        var found = new ArrayList<Object>();
        for (var resource : record) {
            if (!resource.fhirType().equals(dataType)) continue;
            if (contextValue != null && contextPath != null && !belongsTo(resource, contextPath, contextValue))
                continue;
            if (codePath != null
                    && (wanted != null || valueSet != null)
                    && !matches(model.resolvePath(resource, codePath), wanted, valueSet)) continue;
            found.add(resource);
        }
        return found;
    }

    private boolean belongsTo(Resource resource, String contextPath, Object contextValue) {
        var value = model.resolvePath(resource, contextPath);
        if (value instanceof Reference ref) {
            return contextValue.toString().equals(ref.getReferenceElement().getIdPart());
        }
        if (value instanceof org.hl7.fhir.r4.model.IdType id) {
            return contextValue.toString().equals(id.getIdPart());
        }
        return value != null && contextValue.toString().equals(value.toString());
    }

    private boolean matches(Object value, Set<String> wanted, String valueSet) {
        for (var coding : codings(value)) {
            if (wanted != null && wanted.contains(coding.getSystem() + "|" + coding.getCode())) return true;
            if (valueSet != null && valueSets.in(coding.getSystem(), coding.getCode(), valueSet)) return true;
        }
        return false;
    }

    private static List<Coding> codings(Object value) {
        if (value instanceof CodeableConcept concept) return concept.getCoding();
        if (value instanceof Coding coding) return List.of(coding);
        if (value instanceof CodeType code) return List.of(new Coding(code.getSystem(), code.getValue(), null));
        if (value instanceof Iterable<?> many) {
            var all = new ArrayList<Coding>();
            many.forEach(v -> all.addAll(codings(v)));
            return all;
        }
        return List.of();
    }

    private static Set<String> codeKeys(Iterable<Code> codes) {
        var keys = new HashSet<String>();
        codes.forEach(c -> keys.add(c.getSystem() + "|" + c.getCode()));
        return keys;
    }
}
