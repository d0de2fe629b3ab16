package org.tanyapustaka.analytics.figures;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a figure as CSV (RFC 4180): a header row of the JSON field names, then one line per row. A figure is a
 * list of flat records (or one record). Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed
 * with an apostrophe: search terms come from patrons.
 */
@Provider
@Produces("text/csv")
public class CsvWriter implements MessageBodyWriter<Object> {

    public static final String TEXT_CSV = "text/csv";

    @Inject
    ObjectMapper json;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return mediaType.isCompatible(MediaType.valueOf(TEXT_CSV))
                && (Collection.class.isAssignableFrom(type) || type.isRecord());
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        List<?> rows = entity instanceof Collection<?> ? new ArrayList<>((Collection<?>) entity) : List.of(entity);
        StringBuilder csv = new StringBuilder();
        List<String> header = header(rows, entity instanceof Collection<?> ? elementType(genericType) : type);
        line(csv, header);
        for (Object row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.convertValue(row, LinkedHashMap.class);
            List<String> values = new ArrayList<>();
            for (String column : header) {
                Object value = fields.get(column);
                values.add(value == null ? "" : value.toString());
            }
            line(csv, values);
        }
        headers.putSingle("Content-Type", TEXT_CSV + "; charset=UTF-8");
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<String> header(List<?> rows, Class<?> rowType) {
        if (!rows.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.convertValue(rows.get(0), LinkedHashMap.class);
            return new ArrayList<>(fields.keySet());
        }
        List<String> names = new ArrayList<>();
        if (rowType != null && rowType.isRecord()) {
            for (RecordComponent component : rowType.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        return names;
    }

    private static Class<?> elementType(Type genericType) {
        if (genericType instanceof ParameterizedType) {
            Type element = ((ParameterizedType) genericType).getActualTypeArguments()[0];
            if (element instanceof Class<?>) {
                return (Class<?>) element;
            }
        }
        return null;
    }

    private static void line(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(values.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0 && !isNumber(safe)) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
