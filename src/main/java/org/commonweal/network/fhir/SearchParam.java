package org.commonweal.network.fhir;

import java.util.List;

/**
 * A search parameter of the read model: how a FHIR parameter maps onto columns of a resource's table.
 *
 * @param columns SQL expressions over the alias placeholder {@code $}, OR-ed for strings (for example family, given)
 * @param array whether the column is a text array (to-many references and codes)
 * @param target the resource type a reference points to
 */
record SearchParam(String name, Kind kind, List<String> columns, boolean array, String target) {

    enum Kind {
        TOKEN,
        STRING,
        REFERENCE,
        DATE,
        PERIOD,
        BOOLEAN,
        NEAR
    }

    static SearchParam token(String name, String column) {
        return new SearchParam(name, Kind.TOKEN, List.of(column), false, null);
    }

    static SearchParam tokens(String name, String column) {
        return new SearchParam(name, Kind.TOKEN, List.of(column), true, null);
    }

    static SearchParam string(String name, String... columns) {
        return new SearchParam(name, Kind.STRING, List.of(columns), false, null);
    }

    static SearchParam reference(String name, String column, String target) {
        return new SearchParam(name, Kind.REFERENCE, List.of(column), false, target);
    }

    static SearchParam references(String name, String column, String target) {
        return new SearchParam(name, Kind.REFERENCE, List.of(column), true, target);
    }

    static SearchParam date(String name, String column) {
        return new SearchParam(name, Kind.DATE, List.of(column), false, null);
    }

    static SearchParam period(String name, String startColumn, String endColumn) {
        return new SearchParam(name, Kind.PERIOD, List.of(startColumn, endColumn), false, null);
    }

    static SearchParam bool(String name, String column) {
        return new SearchParam(name, Kind.BOOLEAN, List.of(column), false, null);
    }

    static SearchParam near(String latitude, String longitude) {
        return new SearchParam("near", Kind.NEAR, List.of(latitude, longitude), false, null);
    }

    String column(String alias) {
        return columns.getFirst().replace("$", alias);
    }
}
