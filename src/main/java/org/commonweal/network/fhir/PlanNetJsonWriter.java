package org.commonweal.network.fhir;

import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.commonweal.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the JSON of Plan-Net search Bundles itself, reusing each entry's JSON from a cache keyed by type, id,
 * version and last update (directory entries are immutable per version, so a cached text can never be stale).
 * Encoding the resources with HAPI's parser was most of the time of large responses (a page of medical groups
 * with their roles is about 1 MB of JSON); the Bundle frame around the cached entries is a few lines of text.
 * Anything this writer does not handle (XML, {@code _summary}, {@code _elements}, {@code _pretty}, other types) is
 * left to HAPI.
 */
@Component
class PlanNetJsonWriter implements FhirInterceptor {

    private final FhirContext fhir;
    private final Map<String, String> cache;
    private final int capacity;

    PlanNetJsonWriter(FhirContext fhir, @Value("${commonweal.network.fhir-json-cache-entries:20000}") int capacity) {
        this.fhir = fhir;
        this.capacity = capacity;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > PlanNetJsonWriter.this.capacity;
            }
        });
    }

    /** Runs after the other outgoing-response hooks (such as {@code _total} only on request), then writes. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
    public boolean write(RequestDetails request, ResponseDetails response, HttpServletResponse servlet)
            throws IOException {
        if (!(response.getResponseResource() instanceof Bundle bundle)
                || bundle.getType() != Bundle.BundleType.SEARCHSET
                || !PlanNetTables.TABLES.containsKey(request.getResourceName()) || servlet == null) {
            return true;
        }
        Map<String, String[]> parameters = request.getParameters();
        if (parameters.containsKey(Constants.PARAM_SUMMARY) || parameters.containsKey(Constants.PARAM_ELEMENTS)
                || parameters.containsKey(Constants.PARAM_PRETTY)) {
            return true;
        }
        var encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
        if (encoding != null && encoding.getEncoding() != EncodingEnum.JSON) {
            return true;
        }
        servlet.setStatus(response.getResponseCode() > 0 ? response.getResponseCode() : 200);
        servlet.setContentType((encoding == null ? Constants.CT_FHIR_JSON_NEW : encoding.getResourceContentType())
                + Constants.CHARSET_UTF8_CTSUFFIX);
        if (bundle.getMeta().getLastUpdated() != null) {
            servlet.setDateHeader(Constants.HEADER_LAST_MODIFIED, bundle.getMeta().getLastUpdated().getTime());
        }
        try (Writer out = servlet.getWriter()) {
            out.write(json(bundle));
        }
        return false;
    }

    /** The Bundle as HAPI's parser would write it (same element order), entries from the cache. */
    String json(Bundle bundle) {
        StringBuilder b = new StringBuilder(4096 + bundle.getEntry().size() * 1500);
        b.append("{\"resourceType\":\"Bundle\"");
        if (bundle.hasIdElement() && bundle.getIdElement().getIdPart() != null) {
            b.append(",\"id\":");
            string(b, bundle.getIdElement().getIdPart());
        }
        if (bundle.getMeta().hasLastUpdated()) {
            b.append(",\"meta\":{\"lastUpdated\":");
            string(b, bundle.getMeta().getLastUpdatedElement().getValueAsString());
            b.append('}');
        }
        b.append(",\"type\":\"searchset\"");
        if (bundle.hasTotal()) {
            b.append(",\"total\":").append(bundle.getTotal());
        }
        if (bundle.hasLink()) {
            b.append(",\"link\":[");
            boolean first = true;
            for (var link : bundle.getLink()) {
                b.append(first ? "" : ",").append("{\"relation\":");
                string(b, link.getRelation());
                b.append(",\"url\":");
                string(b, link.getUrl());
                b.append('}');
                first = false;
            }
            b.append(']');
        }
        if (bundle.hasEntry()) {
            b.append(",\"entry\":[");
            boolean first = true;
            for (var entry : bundle.getEntry()) {
                b.append(first ? "{" : ",{");
                first = false;
                boolean fields = false;
                if (entry.hasFullUrl()) {
                    b.append("\"fullUrl\":");
                    string(b, entry.getFullUrl());
                    fields = true;
                }
                if (entry.getResource() != null) {
                    b.append(fields ? "," : "").append("\"resource\":").append(resource(entry.getResource()));
                    fields = true;
                }
                if (entry.getSearch().hasMode()) {
                    b.append(fields ? "," : "").append("\"search\":{\"mode\":");
                    string(b, entry.getSearch().getMode().toCode());
                    b.append('}');
                }
                b.append('}');
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    private String resource(Resource resource) {
        var meta = resource.getMeta();
        if (!meta.hasVersionId() || !meta.hasLastUpdated()) {
            return parser().encodeResourceToString(resource);
        }
        String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/" + meta.getVersionId() + "/"
                + meta.getLastUpdatedElement().getValueAsString();
        String json = cache.get(key);
        if (json == null) {
            json = parser().encodeResourceToString(resource);
            if (capacity > 0) {
                cache.put(key, json);
            }
        }
        return json;
    }

    private IParser parser() {
        return fhir.newJsonParser().setPrettyPrint(false);
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
