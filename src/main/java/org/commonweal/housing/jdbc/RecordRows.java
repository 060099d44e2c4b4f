package org.commonweal.housing.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a row to a record by position: column i to component i. Spring's by-name record mapper first asks the driver
 * for each camelCase property as a column, and PostgreSQL's driver answers every miss with an exception (a stack
 * trace and a translated message) before the snake_case name is tried: on a 200-row caseload that was 1,400
 * exceptions a page. The select list must follow the record's component order.
 */
public final class RecordRows<R extends Record> implements RowMapper<R> {

    private final Constructor<R> constructor;
    private final Class<?>[] types;

    private RecordRows(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        this.types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    public static <R extends Record> RecordRows<R> of(Class<R> type) {
        return new RecordRows<>(type);
    }

    @Override
    public R mapRow(ResultSet rs, int rowNum) throws SQLException {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = value(rs, i + 1, types[i]);
        }
        try {
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(ResultSet rs, int column, Class<?> type) throws SQLException {
        if (type == long.class) {
            return rs.getLong(column);
        } else if (type == int.class) {
            return rs.getInt(column);
        } else if (type == boolean.class) {
            return rs.getBoolean(column);
        } else if (type == String.class) {
            return rs.getString(column);
        } else if (type == BigDecimal.class) {
            return rs.getBigDecimal(column);
        } else if (type == String[].class) {
            var array = rs.getArray(column);
            return array == null ? null : array.getArray();
        }
        return rs.getObject(column, type);
    }
}
