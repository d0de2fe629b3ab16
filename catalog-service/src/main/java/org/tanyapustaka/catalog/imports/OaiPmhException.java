package org.tanyapustaka.catalog.imports;

/**
 * An OAI-PMH harvest that cannot go on: the repository answered with an OAI-PMH error (such as
 * {@code badArgument}, {@code badResumptionToken}, {@code cannotDisseminateFormat}, {@code idDoesNotExist},
 * {@code badVerb}), with an HTTP error, with something that is not well-formed XML, or not at all.
 * The message says what happened and which request it was, for a librarian or an administrator to read.
 */
public class OaiPmhException extends RuntimeException {

    private final String code;

    public OaiPmhException(String code, String message) {
        super(message);
        this.code = code;
    }

    public OaiPmhException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The OAI-PMH error code the repository sent, or {@code null} when the failure was not an OAI-PMH error. */
    public String code() {
        return code;
    }
}
