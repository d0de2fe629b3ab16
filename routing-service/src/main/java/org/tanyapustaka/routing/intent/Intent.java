package org.tanyapustaka.routing.intent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * What a patron's message asks for. The lowercase wire names ({@link #wireName()}) are part of the API: they appear
 * in JSON, in events, and in menu row ids ({@code menu:<wire name>}).
 */
public enum Intent {
    @JsonProperty("greeting") GREETING,
    @JsonProperty("menu") MENU,
    @JsonProperty("catalog_search") CATALOG_SEARCH,
    @JsonProperty("opening_hours") OPENING_HOURS,
    @JsonProperty("loan_renewal") LOAN_RENEWAL,
    @JsonProperty("loan_info") LOAN_INFO,
    @JsonProperty("clearance") CLEARANCE,
    @JsonProperty("plagiarism_check") PLAGIARISM_CHECK,
    @JsonProperty("membership") MEMBERSHIP,
    @JsonProperty("thesis_deposit") THESIS_DEPOSIT,
    @JsonProperty("book_suggestion") BOOK_SUGGESTION,
    @JsonProperty("location_facilities") LOCATION_FACILITIES,
    @JsonProperty("fines") FINES,
    @JsonProperty("human_handover") HUMAN_HANDOVER,
    @JsonProperty("thanks") THANKS,
    @JsonProperty("csat_rating") CSAT_RATING,
    @JsonProperty("other") OTHER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The API name, e.g. {@code catalog_search}. */
    public String wireName() {
        return wireName;
    }

    /** The intent with this API name (case-insensitive), if any. */
    public static Optional<Intent> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Intent intent : values()) {
            if (intent.wireName.equals(wanted)) {
                return Optional.of(intent);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
