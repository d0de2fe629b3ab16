package org.tanyapustaka.events.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * What one service holds about a WhatsApp number, as one JSON object (UU 27/2022, the right of access): the
 * service, the number, when, and for each kind of data its rows as the database writes them as JSON
 * ({@code to_jsonb(row)}). Every service answers an administrator's {@code GET .../patrons/{waId}/export} with it;
 * {@code ./tanya patron export} puts the four together.
 */
public final class PatronExport {

    /** A WhatsApp id is the number in international form without the plus: 6 to 15 digits. */
    private static final Pattern WA_ID = Pattern.compile("\\d{6,15}");

    private PatronExport() {
    }

    /**
     * The export: {@code rows} runs each query (a statement whose one parameter is the number and whose one column
     * is a row as JSON text) and answers its rows.
     */
    public static ObjectNode of(ObjectMapper json, String service, String waId, Map<String, String> queries,
            Function<String, List<?>> rows) {
        ObjectNode export = json.createObjectNode();
        export.put("service", service);
        export.put("waId", waId);
        export.put("exportedAt", Instant.now().toString());
        queries.forEach((name, sql) -> {
            var array = export.putArray(name);
            for (Object row : rows.apply(sql)) {
                try {
                    array.add(json.readTree(row.toString()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("The database wrote a row of " + name + " that is not JSON", e);
                }
            }
        });
        return export;
    }

    /** The number, if it is one; otherwise a 400 problem. */
    public static String valid(String waId) {
        if (waId == null || !WA_ID.matcher(waId).matches()) {
            throw ProblemException.badRequest("Invalid WhatsApp number",
                    "A WhatsApp number is 6 to 15 digits in international form without '+', e.g. 6281234567890.");
        }
        return waId;
    }
}
