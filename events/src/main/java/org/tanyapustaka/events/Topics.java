package org.tanyapustaka.events;

/** Kafka topic names. Channel names equal topic names; every service and test uses these constants. */
public final class Topics {

    public static final String WHATSAPP_INBOUND = "whatsapp.inbound";
    public static final String WHATSAPP_STATUS = "whatsapp.status";
    public static final String WHATSAPP_OUTBOUND = "whatsapp.outbound";
    public static final String WHATSAPP_SENT = "whatsapp.sent";
    public static final String CATALOG_QUERIES = "catalog.queries";
    public static final String CATALOG_SEARCHES = "catalog.searches";
    /** Routing asks whether a message it did not understand names something in the collection. */
    public static final String CATALOG_JUDGE_REQUESTS = "catalog.judge.requests";
    /** The catalogue's answers to {@link #CATALOG_JUDGE_REQUESTS}. */
    public static final String CATALOG_JUDGEMENTS = "catalog.judgements";
    public static final String CONVERSATION_EVENTS = "conversation.events";
    public static final String WHATSAPP_ALERTS = "whatsapp.alerts";
    /** Erase everything about one WhatsApp number ({@link PatronErasure}); every service consumes it. */
    public static final String PATRON_ERASURE = "patron.erasure";

    /** Signed webhook bodies the gateway could not read, kept with the reason (raw JSON text). */
    public static final String WHATSAPP_WEBHOOK_DLQ = "whatsapp.webhook.dlq";

    /** Every topic of the system, in the order of the data flow. */
    public static final java.util.List<String> ALL = java.util.List.of(
            WHATSAPP_INBOUND, WHATSAPP_STATUS, WHATSAPP_OUTBOUND, WHATSAPP_SENT,
            CATALOG_QUERIES, CATALOG_SEARCHES, CONVERSATION_EVENTS, WHATSAPP_ALERTS,
            CATALOG_JUDGE_REQUESTS, CATALOG_JUDGEMENTS, PATRON_ERASURE);

    /** Every topic, every dead-letter topic, and the webhook dead-letter topic: what a cluster must have. */
    public static java.util.List<String> allWithDeadLetters() {
        java.util.List<String> all = new java.util.ArrayList<>(ALL);
        ALL.forEach(topic -> all.add(deadLetter(topic)));
        all.add(WHATSAPP_WEBHOOK_DLQ);
        return all;
    }

    /** The dead-letter topic of a topic: where records its consumers cannot process are kept. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
