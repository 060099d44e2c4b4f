package org.commonweal.quality.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonLibraryReader;
import org.cqframework.cql.elm.serializing.jackson.ElmXmlLibraryReader;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * The measure steward's compiled libraries (the {@code application/elm+json} attachment of each FHIR Library),
 * handed to the engine as they were published: nothing is translated again here, so the logic run is byte for byte
 * the ELM the steward tested.
 */
final class ElmLibraries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMPTY_TYPE_LIST = Pattern.compile(",\\s*\"type\"\\s*:\\s*\\[\\s*\\]");

    private final Map<String, Library> byNameAndVersion = new HashMap<>();

    void add(org.hl7.fhir.r4.model.Library resource) {
        Library library;
        try {
            library = new ElmJsonLibraryReader().read(new StringReader(libraryOnly(attachment(resource, "json"))));
        } catch (IOException | RuntimeException json) {
            // ELM JSON of translators before 3.x types some nodes differently; its XML twin reads the same library
            try {
                library = new ElmXmlLibraryReader().read(new StringReader(attachment(resource, "xml")));
            } catch (IOException | RuntimeException xml) {
                throw new MeasureContentException("Library " + resource.getName() + ": unreadable ELM: "
                        + json.getMessage() + "; XML: " + xml.getMessage());
            }
        }
        var id = library.getIdentifier();
        byNameAndVersion.putIfAbsent(key(id.getId(), id.getVersion()), library);
    }

    private static String attachment(org.hl7.fhir.r4.model.Library resource, String format) {
        var elm = resource.getContent().stream()
                .filter(a -> ("application/elm+" + format).equals(a.getContentType()))
                .findFirst()
                .orElseThrow(() -> new MeasureContentException("Library " + resource.getName() + " "
                        + resource.getVersion() + " has no application/elm+" + format));
        return new String(Base64.getDecoder().decode(elm.getDataElement().getValueAsString()), StandardCharsets.UTF_8);
    }

    /**
     * The ELM document keeps only its {@code library}: translators before 3.25 add a sibling
     * {@code errorExceptions} list (empty for published content) that the current reader does not know.
     */
    private static String libraryOnly(String json) throws IOException {
        // Translators before 3.11 wrote a ChoiceTypeSpecifier's deprecated (always empty) "type" list next to its
        // "type" name, a duplicate key that would hide the name from the reader.
        var tree = (ObjectNode) JSON.readTree(EMPTY_TYPE_LIST.matcher(json).replaceAll(""));
        tree.retain("library");
        return JSON.writeValueAsString(tree);
    }

    boolean contains(String name, String version) {
        return byNameAndVersion.containsKey(key(name, version));
    }

    /**
     * Puts every library into the manager's cache as compiled, so the engine never falls back to translating CQL (the
     * manager only trusts ELM made by its own translator version; these were made by the steward's).
     */
    void compileInto(LibraryManager manager) {
        for (var library : byNameAndVersion.values()) {
            var compiled = compiled(library);
            manager.getCompiledLibraries().put(library.getIdentifier(), compiled);
        }
        // Includes name their library with a namespace (http://ecqi.healthit.gov/ecqms/FHIRHelpers) that some
        // exported dependencies leave out of their own identifier: the include is what the engine looks up.
        for (var library : byNameAndVersion.values()) {
            if (library.getIncludes() == null) continue;
            for (var include : library.getIncludes().getDef()) {
                var path = include.getPath();
                var slash = path.lastIndexOf('/');
                var wanted = new VersionedIdentifier()
                        .withId(path.substring(slash + 1))
                        .withSystem(slash < 0 ? null : path.substring(0, slash))
                        .withVersion(include.getVersion());
                var found = byNameAndVersion.get(key(wanted.getId(), wanted.getVersion()));
                if (found != null) {
                    manager.getCompiledLibraries()
                            .putIfAbsent(wanted, manager.getCompiledLibraries().get(found.getIdentifier()));
                }
            }
        }
    }

    private static CompiledLibrary compiled(Library library) {
        var compiled = new CompiledLibrary();
        compiled.setLibrary(library);
        compiled.setIdentifier(library.getIdentifier());
        if (library.getUsings() != null) library.getUsings().getDef().forEach(compiled::add);
        if (library.getIncludes() != null) library.getIncludes().getDef().forEach(compiled::add);
        if (library.getCodeSystems() != null) library.getCodeSystems().getDef().forEach(compiled::add);
        if (library.getValueSets() != null) library.getValueSets().getDef().forEach(compiled::add);
        if (library.getCodes() != null) library.getCodes().getDef().forEach(compiled::add);
        if (library.getConcepts() != null) library.getConcepts().getDef().forEach(compiled::add);
        if (library.getParameters() != null) library.getParameters().getDef().forEach(compiled::add);
        if (library.getStatements() != null) {
            // the engine finds definitions by binary search on the name, as the library manager leaves them
            library.getStatements().getDef().sort(Comparator.comparing(ExpressionDef::getName));
        }
        return compiled;
    }

    /** The library's identifier as its ELM states it (with the namespace its includes use). */
    VersionedIdentifier identifier(String name, String version) {
        var library = byNameAndVersion.get(key(name, version));
        if (library == null) throw new MeasureContentException("no library " + name + " " + version);
        return library.getIdentifier();
    }

    private static String key(String name, String version) {
        return name + "|" + version;
    }
}
