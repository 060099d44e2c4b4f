package org.commonweal.quality.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.CodeSystemInfo;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * The published value sets, held in memory with their expansions (or, where a set lists its codes only in
 * {@code compose}, those codes). Membership is system + code, the way the eCQM value sets are meant to be read.
 */
final class ValueSetExpansions implements TerminologyProvider {

    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, List<Code>> codes = new HashMap<>();

    void add(ValueSet valueSet) {
        var url = valueSet.getUrl();
        var list = new ArrayList<Code>();
        if (valueSet.getExpansion().hasContains()) {
            for (var c : valueSet.getExpansion().getContains()) {
                list.add(new Code()
                        .withSystem(c.getSystem())
                        .withCode(c.getCode())
                        .withVersion(c.getVersion())
                        .withDisplay(c.getDisplay()));
            }
        } else {
            for (var include : valueSet.getCompose().getInclude()) {
                for (var c : include.getConcept()) {
                    list.add(new Code()
                            .withSystem(include.getSystem())
                            .withCode(c.getCode())
                            .withDisplay(c.getDisplay()));
                }
            }
        }
        var keys = new HashSet<String>();
        list.forEach(c -> keys.add(key(c.getSystem(), c.getCode())));
        members.merge(url, keys, (a, b) -> {
            a.addAll(b);
            return a;
        });
        codes.merge(url, list, (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    /** The value set's codes as {@code system|code} keys (for engines that index them themselves). */
    Set<String> keys(String url) {
        return Set.copyOf(set(url));
    }

    boolean contains(String url) {
        return members.containsKey(url);
    }

    boolean in(String system, String code, String valueSetUrl) {
        return set(valueSetUrl).contains(key(system, code));
    }

    @Override
    public boolean in(Code code, ValueSetInfo valueSet) {
        return in(code.getSystem(), code.getCode(), valueSet.getId());
    }

    @Override
    public Iterable<Code> expand(ValueSetInfo valueSet) {
        set(valueSet.getId());
        return codes.get(valueSet.getId());
    }

    @Override
    public Code lookup(Code code, CodeSystemInfo codeSystem) {
        return code;
    }

    private Set<String> set(String url) {
        var set = members.get(url);
        if (set == null) {
            throw new MeasureContentException("Value set " + url + " is not in the measure's content");
        }
        return set;
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }
}
