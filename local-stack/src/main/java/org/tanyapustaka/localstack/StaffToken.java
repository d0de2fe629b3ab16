package org.tanyapustaka.localstack;

import org.tanyapustaka.testsupport.DevelopmentKeys;

/**
 * Prints a bearer token for a development staff account, signed with the local stack's key:
 * {@code ./tanya token librarian|admin}.
 */
public final class StaffToken {

    private StaffToken() {
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "" : args[0];
        if (!role.equals("librarian") && !role.equals("admin")) {
            System.err.println("usage: ./tanya token librarian|admin");
            System.exit(2);
        }
        String subject = role.equals("librarian") ? "pustakawan@perpustakaan.local" : "admin@perpustakaan.local";
        DevelopmentKeys keys = DevelopmentKeys.inDirectory(Settings.fromEnvironment().home().resolve("keys"));
        System.out.println(keys.token(subject, role));
    }
}
