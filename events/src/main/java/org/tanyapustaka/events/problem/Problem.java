package org.tanyapustaka.events.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An error the caller can understand, as RFC 9457 problem JSON: the one shape every service answers errors in (no
 * stack traces, no class names). Members that are null are left out; extension members (e.g. per-field errors) are
 * written beside the standard ones. {@link ProblemException} writes it as a JAX-RS response.
 *
 * @param type       a URI naming the kind of problem; {@value #ABOUT_BLANK} when the status and title say it all
 * @param title      a short summary of the kind of problem, the same for every occurrence
 * @param status     the HTTP status code
 * @param detail     what went wrong this time, in words the caller can act on (may be null)
 * @param instance   a URI naming this occurrence (may be null)
 * @param extensions further members, written at the top level of the object; never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
public record Problem(String type, String title, int status, String detail, String instance,
        @JsonIgnore Map<String, Object> extensions) {

    /** The media type of problem JSON (RFC 9457 section 3). */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The type of a problem with no more meaning than its HTTP status. */
    public static final String ABOUT_BLANK = "about:blank";

    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem's status is an error status (4xx or 5xx), not " + status);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        if (extensions != null) {
            extensions.forEach((name, value) -> {
                if (STANDARD.contains(name)) {
                    throw new IllegalArgumentException("'" + name + "' is a standard member, not an extension");
                }
                if (value != null) {
                    members.put(name, value);
                }
            });
        }
        extensions = Collections.unmodifiableMap(members);
    }

    /** A problem of type {@value #ABOUT_BLANK}, with no instance and no extensions. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, Map.of());
    }

    /** This problem with one more extension member (left out when the value is null). */
    public Problem with(String member, Object value) {
        Map<String, Object> members = new LinkedHashMap<>(extensions);
        members.put(member, value);
        return new Problem(type, title, status, detail, instance, members);
    }

    /** The extension members, written at the top level of the JSON object. */
    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }
}
