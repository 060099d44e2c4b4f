package org.commonweal.network.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.commonweal.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Writes the JSON of Plan-Net search Bundles itself, straight to the response, reusing each entry's JSON from
 * {@link PlanNetJsonCache}. Encoding the resources with HAPI's parser was most of the time of large responses (a page
 * of medical groups with their roles is a few hundred kilobytes of JSON); the Bundle frame around the cached entries
 * is a few lines of text. A search hands over entries already in the cache as placeholders (type and id, with the
 * JSON and the row as user data) instead of mapped resources. Anything this writer does not handle (XML,
 * {@code _summary}, {@code _elements}, {@code _pretty}) is left to HAPI, after the placeholders are mapped to full
 * resources.
 */
@Component
class PlanNetJsonWriter implements FhirInterceptor {

    /** User data of a placeholder entry: its cached JSON. */
    static final String JSON = "commonweal.plannet.json";
    /** User data of a placeholder entry: its read-model row, to map it when HAPI has to encode it after all. */
    static final String ROW = "commonweal.plannet.row";
    /** User data of a mapped entry: its cache key. */
    static final String KEY = "commonweal.plannet.key";

    private final FhirContext fhir;
    private final PlanNetJsonCache cache;

    PlanNetJsonWriter(FhirContext fhir, PlanNetJsonCache cache) {
        this.fhir = fhir;
        this.cache = cache;
    }

    /** Runs first: when HAPI will encode the Bundle, placeholders become full resources before anything reads it. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -1000)
    public boolean materialize(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle && !handles(request, bundle)) {
            for (var entry : bundle.getEntry()) {
                if (entry.getResource() != null && entry.getResource().getUserData(ROW) instanceof Map<?, ?> row) {
                    @SuppressWarnings("unchecked")
                    var columns = (Map<String, Object>) row;
                    entry.setResource(PlanNetMapper.map(entry.getResource().fhirType(), columns));
                }
            }
        }
        return true;
    }

    /** Runs after the other outgoing-response hooks (such as {@code _total} only on request), then writes. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
    public boolean write(RequestDetails request, ResponseDetails response, HttpServletResponse servlet)
            throws IOException {
        if (!(response.getResponseResource() instanceof Bundle bundle)
                || servlet == null
                || !handles(request, bundle)) {
            return true;
        }
        var encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
        servlet.setStatus(response.getResponseCode() > 0 ? response.getResponseCode() : 200);
        servlet.setContentType((encoding == null ? Constants.CT_FHIR_JSON_NEW : encoding.getResourceContentType())
                + Constants.CHARSET_UTF8_CTSUFFIX);
        if (bundle.getMeta().getLastUpdated() != null) {
            servlet.setDateHeader(
                    Constants.HEADER_LAST_MODIFIED,
                    bundle.getMeta().getLastUpdated().getTime());
        }
        // straight into the response buffer (sent in chunks): no copy of the whole page in memory
        try (Writer out = servlet.getWriter()) {
            write(bundle, out);
        }
        return false;
    }

    private static boolean handles(RequestDetails request, Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.SEARCHSET
                || !PlanNetTables.TABLES.containsKey(request.getResourceName())) {
            return false;
        }
        Map<String, String[]> parameters = request.getParameters();
        if (parameters.containsKey(Constants.PARAM_SUMMARY)
                || parameters.containsKey(Constants.PARAM_ELEMENTS)
                || parameters.containsKey(Constants.PARAM_PRETTY)) {
            return false;
        }
        var encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
        return encoding == null || encoding.getEncoding() == EncodingEnum.JSON;
    }

    /** The Bundle as HAPI's parser would write it (same element order), entries from the cache. */
    private void write(Bundle bundle, Writer b) throws IOException {
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
            b.append(",\"total\":").append(String.valueOf(bundle.getTotal()));
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
        b.append('}');
    }

    private String resource(Resource resource) {
        if (resource.getUserData(JSON) instanceof String json) {
            return json;
        }
        String key = resource.getUserData(KEY) instanceof String k ? k : null;
        String json = key == null ? null : cache.get(key);
        if (json == null) {
            json = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
            if (key != null) {
                cache.put(key, json);
            }
        }
        return json;
    }

    private static void string(Writer b, String s) throws IOException {
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
