package org.tanyapustaka.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rule every service applies to its secrets when it starts: none may be missing or blank, and in production none
 * may be a value published with Tanya Pustaka - the sandbox's ({@code sandbox-...}), the development and test
 * profiles' ({@code dev-...}, {@code test-...}), or a well-known default such as {@code postgres} or
 * {@code change-me}. Those are allowed only in the profiles where nothing real is at stake: {@code local}
 * ({@code ./tanya up}), {@code dev} and {@code test}. A service that breaks the rule refuses to start and names the
 * environment variables to set.
 */
public final class ProductionSecrets {

    /** Profiles that may run with the published sandbox values. */
    public static final Set<String> SANDBOX_PROFILES = Set.of("local", "dev", "test");

    private static final Set<String> KNOWN_DEFAULTS = Set.of("postgres", "tanya", "admin", "password", "secret",
            "change-me", "changeme", "change-me-in-production");
    private static final List<String> KNOWN_PREFIXES = List.of("sandbox-", "dev-", "test-", "ci-");

    private ProductionSecrets() {
    }

    /**
     * Throws when a secret breaks the rule.
     *
     * @param service  the service, for the message
     * @param profiles the active configuration profiles (e.g. {@code [local, prod]})
     * @param secrets  environment variable name → the value in effect (null when unset)
     */
    public static void check(String service, List<String> profiles, Map<String, String> secrets) {
        List<String> problems = problems(profiles, secrets);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(service + " refuses to start in profile " + profiles + ": "
                    + String.join("; ", problems) + ". Set each to a secret of its own (see deploy/README.md).");
        }
    }

    /**
     * As {@link #check(String, List, Map)}, the values read through {@code lookup} from the service's configuration.
     *
     * @param properties environment variable name → the configuration property it sets
     */
    public static void check(String service, List<String> profiles, Function<String, String> lookup,
            Map<String, String> properties) {
        Map<String, String> secrets = new TreeMap<>();
        properties.forEach((name, property) -> secrets.put(name, lookup.apply(property)));
        check(service, profiles, secrets);
    }

    /** What is wrong with the secrets, one line per variable; empty when nothing is. */
    public static List<String> problems(List<String> profiles, Map<String, String> secrets) {
        boolean sandbox = profiles.stream().anyMatch(SANDBOX_PROFILES::contains);
        List<String> problems = new ArrayList<>();
        secrets.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set");
            } else if (!sandbox && isPublished(value)) {
                problems.add(name + " is a published default value");
            }
        });
        return problems;
    }

    /** True for a value that ships with Tanya Pustaka or is a well-known default. */
    public static boolean isPublished(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return KNOWN_DEFAULTS.contains(lower) || KNOWN_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
