package org.tanyapustaka.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the topic contracts honest: every record survives JSON, and {@code asyncapi.yaml} documents exactly
 * the JSON the records produce, on the topics of {@link Topics}.
 */
class EventContractTest {

    /** Serializes like Quarkus' default ObjectMapper: ISO-8601 strings for {@link Instant}. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Path ASYNCAPI = Path.of("asyncapi.yaml");

    private static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    private static final String EARLIER_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA";
    private static final String REPLY_WAMID = "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBJBM0Y4RUU0RUNFQkFDMjYzQUMA";
    private static final String WA_ID = "6281234567890";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final UUID INBOUND_ID = EventIds.ofWamid(WAMID);
    private static final UUID CONVERSATION_ID = UUID.fromString("5a0c8e21-7b9d-4f3e-a1c2-3d4e5f6a7b8c");
    private static final UUID QUERY_ID = EventIds.derive(INBOUND_ID, "catalog-query");

    /** Which service writes and which reads each topic (the table in docs/architecture.md). */
    private static final Map<String, Set<String>> PRODUCERS = Map.ofEntries(
            Map.entry(Topics.WHATSAPP_INBOUND, Set.of("gateway-service")),
            Map.entry(Topics.WHATSAPP_STATUS, Set.of("gateway-service")),
            Map.entry(Topics.WHATSAPP_OUTBOUND, Set.of("routing-service", "catalog-service")),
            Map.entry(Topics.WHATSAPP_SENT, Set.of("gateway-service")),
            Map.entry(Topics.CATALOG_QUERIES, Set.of("routing-service")),
            Map.entry(Topics.CATALOG_SEARCHES, Set.of("catalog-service")),
            Map.entry(Topics.CONVERSATION_EVENTS, Set.of("routing-service")),
            Map.entry(Topics.WHATSAPP_ALERTS, Set.of("gateway-service")),
            Map.entry(Topics.CATALOG_JUDGE_REQUESTS, Set.of("routing-service")),
            Map.entry(Topics.CATALOG_JUDGEMENTS, Set.of("catalog-service")),
            Map.entry(Topics.PATRON_ERASURE, Set.of("routing-service")));
    private static final Map<String, Set<String>> CONSUMERS = Map.ofEntries(
            Map.entry(Topics.WHATSAPP_INBOUND, Set.of("routing-service", "analytics-service")),
            Map.entry(Topics.WHATSAPP_STATUS, Set.of("routing-service", "analytics-service")),
            Map.entry(Topics.WHATSAPP_OUTBOUND, Set.of("gateway-service", "routing-service", "analytics-service")),
            Map.entry(Topics.WHATSAPP_SENT, Set.of("routing-service", "analytics-service")),
            Map.entry(Topics.CATALOG_QUERIES, Set.of("catalog-service", "analytics-service")),
            Map.entry(Topics.CATALOG_SEARCHES, Set.of("analytics-service")),
            Map.entry(Topics.CONVERSATION_EVENTS, Set.of("analytics-service")),
            Map.entry(Topics.WHATSAPP_ALERTS, Set.of("analytics-service")),
            Map.entry(Topics.CATALOG_JUDGE_REQUESTS, Set.of("catalog-service")),
            Map.entry(Topics.CATALOG_JUDGEMENTS, Set.of("routing-service")),
            Map.entry(Topics.PATRON_ERASURE, Set.of("gateway-service", "routing-service", "catalog-service", "analytics-service")));

    /**
     * The payload field whose value is each topic's Kafka key: the patron's wa_id, except on whatsapp.alerts,
     * which is about the library's number (its phone number id), not about a patron.
     */
    private static final Map<String, String> KEY_FIELDS = Map.ofEntries(
            Map.entry(Topics.WHATSAPP_INBOUND, "waId"),
            Map.entry(Topics.WHATSAPP_STATUS, "waId"),
            Map.entry(Topics.WHATSAPP_OUTBOUND, "waId"),
            Map.entry(Topics.WHATSAPP_SENT, "waId"),
            Map.entry(Topics.CATALOG_QUERIES, "waId"),
            Map.entry(Topics.CATALOG_SEARCHES, "waId"),
            Map.entry(Topics.CONVERSATION_EVENTS, "waId"),
            Map.entry(Topics.WHATSAPP_ALERTS, "phoneNumberId"),
            Map.entry(Topics.CATALOG_JUDGE_REQUESTS, "waId"),
            Map.entry(Topics.CATALOG_JUDGEMENTS, "waId"),
            Map.entry(Topics.PATRON_ERASURE, "waId"));

    private static final List<String> CLOUD_EVENT_HEADERS =
            List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time");
    private static final List<String> DEAD_LETTER_HEADERS = List.of("dead-letter-reason", "dead-letter-cause",
            "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");

    private static JsonNode asyncApi;

    /** One topic, the schema documenting its payload, and a sample payload with every field filled. */
    record Contract(String topic, String schema, Record sample) {
        @Override
        public String toString() {
            return topic + " (" + schema + ")";
        }
    }

    /** An enum-typed field somewhere in a payload, by its JSON path. */
    record EnumField(Contract contract, String path, Class<? extends Enum<?>> type) {
        @Override
        public String toString() {
            String enumName = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
            return contract.schema() + "." + path + " (" + enumName + ")";
        }
    }

    @BeforeAll
    static void loadAsyncApi() throws IOException {
        assertThat(ASYNCAPI).as("asyncapi.yaml in the module directory (%s)", ASYNCAPI.toAbsolutePath()).exists();
        asyncApi = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(ASYNCAPI));
        assertThat(asyncApi.path("asyncapi").asText()).as("AsyncAPI version").isEqualTo("3.0.0");
    }

    /**
     * One sample per topic. Each fills every field, even where WhatsApp would not combine them (a text message
     * with media and a location), because a null field is left out of the JSON and would escape the checks.
     * Ids, media, error codes and titles come from {@code data/whatsapp/samples}.
     */
    static Stream<Contract> contracts() {
        Instant sentAt = Instant.parse("2026-03-02T01:15:02Z");
        Instant receivedAt = Instant.parse("2026-03-02T01:15:04.120Z");
        UUID replyCommand = EventIds.derive(INBOUND_ID, "reply");

        var patronMessage = new PatronMessage(INBOUND_ID, WAMID, WA_ID, "Siti Rahma", PHONE_NUMBER_ID, sentAt,
                receivedAt, PatronMessage.Type.TEXT, "halo kak, perpus buka jam brp?", "menu_jam_layanan",
                "Jam layanan",
                new PatronMessage.Media("1003383421387256", "image/jpeg",
                        "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", "kartu anggota saya", "kartu-anggota.jpg",
                        true, 184_632L),
                new PatronMessage.Location(-1.8604, 106.1172, "UPT Perpustakaan Universitas Bangka Belitung",
                        "Jl. Kampus Peradaban, Balunijuk, Merawang, Bangka"),
                EARLIER_WAMID,
                new PatronMessage.Error(131051, "Message type unknown", "Message type is currently not supported."));

        var deliveryStatus = new DeliveryStatus(EventIds.ofStatus(REPLY_WAMID, "failed"), REPLY_WAMID, WA_ID,
                DeliveryStatus.Status.FAILED, Instant.parse("2026-03-02T01:15:09Z"),
                new DeliveryStatus.Error(131049,
                        "This message was not delivered to maintain healthy ecosystem engagement.",
                        "In order to maintain a healthy ecosystem engagement, the message failed to be delivered."));

        var outboundMessage = new OutboundMessage(replyCommand, WA_ID, OutboundMessage.Kind.LIST,
                "Halo kak! Ada yang bisa kami bantu? Silakan pilih layanan di bawah ini.",
                List.of(new OutboundMessage.Button("jam_layanan", "Jam layanan"),
                        new OutboundMessage.Button("cari_buku", "Cari buku"),
                        new OutboundMessage.Button("pustakawan", "Tanya pustakawan")),
                new OutboundMessage.ListMenu("Tanya Pustaka", "UPT Perpustakaan UBB", "Pilih layanan",
                        List.of(new OutboundMessage.Section("Layanan", List.of(
                                new OutboundMessage.Row("jam_layanan", "Jam layanan", "Senin-Jumat 08.00-16.00 WIB"),
                                new OutboundMessage.Row("cari_buku", "Cari buku", "Cari di katalog perpustakaan"))))),
                new OutboundMessage.Template("jawaban_pustakawan", "id", List.of("Siti Rahma", "Bu Dewi")),
                WAMID, OutboundMessage.Origin.ROUTING, CONVERSATION_ID, INBOUND_ID, true,
                new OutboundMessage.Media(UUID.fromString("3f9c2b1e-8d4a-3c6b-9e2f-1a7d5c8b4e60"),
                        "surat-bebas-pustaka.pdf", "application/pdf", 48_213,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "Surat bebas pustaka Anda",
                        "http://routing-service:8081/internal/attachments/3f9c2b1e-8d4a-3c6b-9e2f-1a7d5c8b4e60"));

        var sendResult = new SendResult(replyCommand, WA_ID, REPLY_WAMID,
                new SendResult.Error(131026, "Message undeliverable", false), 2,
                Instant.parse("2026-03-02T01:15:06.482Z"));

        var catalogQuery = new CatalogQuery(QUERY_ID, WA_ID, CONVERSATION_ID, "id", "sejarah bangka belitung",
                118_204L, EventIds.derive(INBOUND_ID, "catalog-query-previous"), 2, INBOUND_ID);

        var searchPerformed = new CatalogSearchPerformed(EventIds.derive(QUERY_ID, "search"), WA_ID,
                "sejarah bangka belitung", List.of("sejarah", "bangka", "belitung"), 17, true, 23L);

        var conversationEvent = new ConversationEvent(EventIds.derive(INBOUND_ID, "csat"), WA_ID, CONVERSATION_ID,
                ConversationEvent.Type.CLOSED, "human_handover", "id", EventIds.derive(INBOUND_ID, "handover"),
                "dewi.lestari", ConversationEvent.Reasons.CLOSED_BY_LIBRARIAN, 5,
                Instant.parse("2026-03-02T02:40:11Z"));

        var accountAlert = new AccountAlert(EventIds.derive(replyCommand, "alert"), PHONE_NUMBER_ID, "graph_api", 190,
                "Access token has expired",
                "Error validating access token: Session has expired on Sunday, 01-Mar-26 16:00:00 PST. "
                        + "The current time is Sunday, 01-Mar-26 17:15:06 PST.",
                Instant.parse("2026-03-02T01:15:06.482Z"));

        UUID judgeId = EventIds.derive(INBOUND_ID, "catalog-judge");
        var judgeRequest = new CatalogJudgeRequest(judgeId, WA_ID, CONVERSATION_ID, "id", "fotosintesis",
                INBOUND_ID);
        var judgement = new CatalogJudgement(EventIds.derive(judgeId, "judgement"), judgeId, WA_ID, CONVERSATION_ID,
                true, List.of("fotosintesis"), 2, "Mungkin ini yang Anda cari: *fotosintesis* (2 judul)");
        var erasure = new PatronErasure(EventIds.derive(INBOUND_ID, "erasure"), WA_ID, PatronErasure.Origin.PATRON,
                WA_ID, Instant.parse("2026-03-02T01:20:00Z"));

        return Stream.of(
                new Contract(Topics.WHATSAPP_INBOUND, "PatronMessage", patronMessage),
                new Contract(Topics.WHATSAPP_STATUS, "DeliveryStatus", deliveryStatus),
                new Contract(Topics.WHATSAPP_OUTBOUND, "OutboundMessage", outboundMessage),
                new Contract(Topics.WHATSAPP_SENT, "SendResult", sendResult),
                new Contract(Topics.CATALOG_QUERIES, "CatalogQuery", catalogQuery),
                new Contract(Topics.CATALOG_SEARCHES, "CatalogSearchPerformed", searchPerformed),
                new Contract(Topics.CONVERSATION_EVENTS, "ConversationEvent", conversationEvent),
                new Contract(Topics.WHATSAPP_ALERTS, "AccountAlert", accountAlert),
                new Contract(Topics.CATALOG_JUDGE_REQUESTS, "CatalogJudgeRequest", judgeRequest),
                new Contract(Topics.CATALOG_JUDGEMENTS, "CatalogJudgement", judgement),
                new Contract(Topics.PATRON_ERASURE, "PatronErasure", erasure));
    }

    static Stream<EnumField> enumFields() {
        List<EnumField> fields = new ArrayList<>();
        contracts().forEach(contract -> collectEnumFields(contract, contract.sample().getClass(), "", fields));
        return fields.stream();
    }

    @Test
    void everyTopicHasASampleContract() {
        assertThat(contracts().map(Contract::topic)).containsExactlyElementsOf(Topics.ALL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everySampleFillsEveryField(Contract contract) {
        List<String> empty = new ArrayList<>();
        collectEmptyFields(contract.sample(), "", empty);
        assertThat(empty)
                .as("fields left null or empty in the %s sample: the contract checks below would not see them", contract)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyRecordSurvivesAJsonRoundTrip(Contract contract) throws IOException {
        String json = JSON.writeValueAsString(contract.sample());
        Object back = JSON.readValue(json, contract.sample().getClass());
        assertThat(back).as("%s read back from %s", contract, json).isEqualTo(contract.sample());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void jsonFieldNamesMatchTheAsyncApiDocument(Contract contract) {
        SortedSet<String> serialized = new TreeSet<>();
        collectJsonPaths(JSON.valueToTree(contract.sample()), "", serialized);
        SortedSet<String> documented = new TreeSet<>();
        collectSchemaPaths(schema(contract.schema()), "", documented, "#/components/schemas/" + contract.schema());

        SortedSet<String> undocumented = new TreeSet<>(serialized);
        undocumented.removeAll(documented);
        SortedSet<String> notSerialized = new TreeSet<>(documented);
        notSerialized.removeAll(serialized);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented)
                    .as("%s serializes fields that asyncapi.yaml (components/schemas/%s) does not document",
                            contract.sample().getClass().getSimpleName(), contract.schema())
                    .isEmpty();
            softly.assertThat(notSerialized)
                    .as("asyncapi.yaml (components/schemas/%s) documents fields that %s does not serialize",
                            contract.schema(), contract.sample().getClass().getSimpleName())
                    .isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enumFields")
    void enumJsonValuesMatchTheAsyncApiDocument(EnumField field) throws IOException {
        List<String> jsonValues = new ArrayList<>();
        for (Enum<?> constant : field.type().getEnumConstants()) {
            String value = JSON.valueToTree(constant).asText();
            assertThat(JSON.readValue(JSON.writeValueAsString(value), field.type()))
                    .as("%s read back from \"%s\"", constant, value)
                    .isEqualTo(constant);
            jsonValues.add(value);
        }
        JsonNode property = schemaAt(schema(field.contract().schema()), field.path());
        assertThat(property.path("enum").isArray())
                .as("asyncapi.yaml: %s.%s should list its values under 'enum'", field.contract().schema(), field.path())
                .isTrue();
        List<String> documented = new ArrayList<>();
        property.path("enum").forEach(value -> documented.add(value.asText()));
        assertThat(documented)
                .as("asyncapi.yaml enum of %s.%s against the JSON values of %s", field.contract().schema(),
                        field.path(), field.type().getName())
                .containsExactlyInAnyOrderElementsOf(jsonValues);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyTopicHasAChannelCarryingItsPayload(Contract contract) {
        JsonNode channel = channelAt(contract.topic());
        List<JsonNode> messages = messagesOf(channel, contract.topic());
        for (JsonNode message : messages) {
            assertThat(message.path("payload").path("$ref").asText())
                    .as("payload of channel %s", contract.topic())
                    .isEqualTo("#/components/schemas/" + contract.schema());
            assertKeyedBy(message, contract.topic(), contract);
            assertThat(stringsOf(resolve(message.path("headers")).path("required")))
                    .as("required CloudEvents headers on channel %s", contract.topic())
                    .containsAll(CLOUD_EVENT_HEADERS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyTopicHasADeadLetterChannelCarryingTheOriginalPayload(Contract contract) {
        String deadLetterTopic = Topics.deadLetter(contract.topic());
        JsonNode channel = channelAt(deadLetterTopic);
        for (JsonNode message : messagesOf(channel, deadLetterTopic)) {
            assertThat(message.path("payload").path("$ref").asText())
                    .as("payload of channel %s", deadLetterTopic)
                    .isEqualTo("#/components/schemas/" + contract.schema());
            assertKeyedBy(message, deadLetterTopic, contract);
            assertThat(propertyNames(resolve(message.path("headers"))))
                    .as("dead-letter headers on channel %s", deadLetterTopic)
                    .containsAll(DEAD_LETTER_HEADERS);
        }
    }

    @Test
    void everyChannelIsATopicOrItsDeadLetterTopic() {
        List<String> known = Topics.allWithDeadLetters();
        assertThat(known).as("Topics.allWithDeadLetters()").doesNotHaveDuplicates();
        List<String> addresses = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).as("channel addresses in asyncapi.yaml").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(known);
    }

    /**
     * whatsapp.webhook.dlq is not the dead-letter topic of a topic: the gateway writes the raw body of each
     * signed webhook it could not read (a JSON text string, no key, no CloudEvents headers) with the header
     * {@code dead-letter-reason}. See gateway-service {@code InboundPublisher#deadLetter}.
     */
    @Test
    void unreadableWebhooksHaveADeadLetterChannelWrittenByTheGateway() throws IOException {
        String topic = Topics.WHATSAPP_WEBHOOK_DLQ;
        JsonNode channel = channelAt(topic);
        List<JsonNode> messages = messagesOf(channel, topic);
        for (JsonNode message : messages) {
            String name = message.path("name").asText();
            JsonNode headers = resolve(message.path("headers"));
            assertThat(propertyNames(headers))
                    .as("headers of %s on channel %s: only the reason, no CloudEvents headers", name, topic)
                    .containsExactly("dead-letter-reason");
            assertThat(stringsOf(headers.path("required")))
                    .as("required headers of %s on channel %s", name, topic)
                    .containsExactly("dead-letter-reason");
            assertThat(resolve(headers.path("properties").path("dead-letter-reason")).path("type").asText())
                    .as("type of the header dead-letter-reason of %s", name)
                    .isEqualTo("string");

            JsonNode payload = resolve(message.path("payload"));
            assertThat(payload.path("type").asText())
                    .as("payload of %s on channel %s: the raw body as a string", name, topic)
                    .isEqualTo("string");
            assertThat(payload.path("contentMediaType").asText())
                    .as("contentMediaType of the payload of %s: the body is JSON text", name)
                    .isEqualTo("application/json");

            JsonNode key = resolve(resolve(message.path("bindings")).path("kafka").path("key"));
            assertThat(key.path("type").asText())
                    .as("bindings.kafka.key of %s on channel %s: records have no key", name, topic)
                    .isEqualTo("null");

            assertThat(message.path("examples")).as("examples of %s", name).isNotEmpty();
            for (JsonNode example : message.path("examples")) {
                String exampleName = example.path("name").asText();
                assertThat(example.path("headers").path("dead-letter-reason").isTextual())
                        .as("example '%s' of %s carries the header dead-letter-reason", exampleName, name)
                        .isTrue();
                assertThat(example.path("payload").isTextual())
                        .as("example '%s' of %s: the payload is a string", exampleName, name)
                        .isTrue();
                assertThat(JSON.readTree(example.path("payload").asText()).isObject())
                        .as("example '%s' of %s: the payload is the JSON text of a webhook body", exampleName, name)
                        .isTrue();
            }
        }

        assertThat(servicesThat("send", topic))
                .as("services documented as producing %s", topic)
                .isEqualTo(Set.of("gateway-service"));
        assertThat(servicesThat("receive", topic))
                .as("services documented as consuming %s: none yet (update when analytics counts them)", topic)
                .isEmpty();
        asyncApi.path("operations").forEach(operation -> {
            if (topic.equals(resolve(operation.path("channel")).path("address").asText())) {
                operation.path("messages").forEach(ref -> assertThat(messages)
                        .as("messages of the operation on %s are messages of its channel", topic)
                        .contains(resolve(ref)));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void operationsNameTheServicesThatProduceAndConsumeEachTopic(Contract contract) {
        assertThat(servicesThat("send", contract.topic()))
                .as("services documented as producing %s", contract.topic())
                .isEqualTo(PRODUCERS.get(contract.topic()));
        assertThat(servicesThat("receive", contract.topic()))
                .as("services documented as consuming %s", contract.topic())
                .isEqualTo(CONSUMERS.get(contract.topic()));
        assertThat(servicesThat("send", Topics.deadLetter(contract.topic())))
                .as("services documented as dead-lettering %s: its consumers", contract.topic())
                .isEqualTo(CONSUMERS.get(contract.topic()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void messageExamplesReadAsTheirRecords(Contract contract) throws IOException {
        String payloadRef = "#/components/schemas/" + contract.schema();
        for (JsonNode message : asyncApi.path("components").path("messages")) {
            if (!payloadRef.equals(message.path("payload").path("$ref").asText())) {
                continue;
            }
            for (JsonNode example : message.path("examples")) {
                // Jackson's default: an unknown (e.g. renamed) property fails the read.
                Record read = JSON.treeToValue(example.path("payload"), contract.sample().getClass());
                JsonNode written = JSON.valueToTree(read);
                assertThat(written)
                        .as("example '%s' of message %s, written back", example.path("name").asText(),
                                message.path("name").asText())
                        .isEqualTo(example.path("payload"));
            }
        }
    }

    /** Search events written before {@code hitsExact} existed counted every hit: they read as exact. */
    @Test
    void aSearchEventWithoutHitsExactReadsAsExact() throws IOException {
        CatalogSearchPerformed old = JSON.readValue("""
                {"id": "0b7e3f7c-4a52-3c1e-9d0a-6f2b8f1c9e31", "waId": "6281234567890", "query": "buku hukum",
                 "normalizedTerms": ["hukum"], "hits": 17, "tookMs": 12}""", CatalogSearchPerformed.class);
        assertThat(old.hitsExact()).isTrue();
        assertThat(JSON.readValue(JSON.writeValueAsString(old), CatalogSearchPerformed.class)).isEqualTo(old);
    }

    /** {@link OutboundMessage#markRead} writes the documented example; without typing, {@code typing} is left out. */
    @Test
    void markReadCommandsAreWrittenAsDocumented() {
        UUID commandId = EventIds.derive(INBOUND_ID, "read");
        JsonNode documented = null;
        for (JsonNode example : resolve(asyncApi.at("/components/messages/OutboundMessage")).path("examples")) {
            if ("markReadTyping".equals(example.path("name").asText())) {
                documented = example.path("payload");
            }
        }
        assertThat(documented).as("example 'markReadTyping' of message OutboundMessage in asyncapi.yaml").isNotNull();

        JsonNode typing = JSON.valueToTree(
                OutboundMessage.markRead(commandId, WA_ID, WAMID, true, CONVERSATION_ID, INBOUND_ID));
        assertThat(typing).as("markRead with typing, against the example 'markReadTyping'").isEqualTo(documented);

        JsonNode silent = JSON.valueToTree(
                OutboundMessage.markRead(commandId, WA_ID, WAMID, false, CONVERSATION_ID, INBOUND_ID));
        assertThat(silent.has("typing")).as("markRead without typing leaves typing out: %s", silent).isFalse();
        ((ObjectNode) typing).remove("typing");
        assertThat(silent).as("markRead without typing, otherwise the same command").isEqualTo(typing);
    }

    /** {@link OutboundMessage#media} writes the documented example of a librarian's PDF. */
    @Test
    void documentCommandsAreWrittenAsDocumented() {
        JsonNode documented = null;
        for (JsonNode example : resolve(asyncApi.at("/components/messages/OutboundMessage")).path("examples")) {
            if ("librarianDocument".equals(example.path("name").asText())) {
                documented = example.path("payload");
            }
        }
        assertThat(documented).as("example 'librarianDocument' of message OutboundMessage in asyncapi.yaml").isNotNull();
        JsonNode media = documented.path("media");
        OutboundMessage command = OutboundMessage.media(UUID.fromString(documented.path("commandId").asText()), WA_ID,
                OutboundMessage.Kind.DOCUMENT, new OutboundMessage.Media(
                        UUID.fromString(media.path("attachmentId").asText()), media.path("filename").asText(),
                        media.path("mimeType").asText(), media.path("size").asInt(), media.path("sha256").asText(),
                        media.path("caption").asText(), media.path("url").asText()),
                OutboundMessage.Origin.LIBRARIAN, CONVERSATION_ID, UUID.fromString(documented.path("causationId").asText()));
        assertThat((JsonNode) JSON.valueToTree(command)).isEqualTo(documented);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutboundMessage.media(UUID.randomUUID(), WA_ID,
                OutboundMessage.Kind.TEXT, command.media(), OutboundMessage.Origin.LIBRARIAN, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Commands written before media existed read as before, without media. */
    @Test
    void aCommandWithoutMediaReadsAsBefore() throws IOException {
        OutboundMessage old = JSON.readValue("""
                {"commandId": "fa06298d-3bc6-3dfa-8ae0-ff5ef024a6ef", "waId": "6281234567890", "kind": "text",
                 "body": "Halo", "origin": "routing"}""", OutboundMessage.class);
        assertThat(old.media()).isNull();
        assertThat(old).isEqualTo(OutboundMessage.text(old.commandId(), WA_ID, "Halo", OutboundMessage.Origin.ROUTING,
                null, null));
    }

    @Test
    void requiredPropertiesAreDocumentedProperties() {
        List<String> dangling = new ArrayList<>();
        asyncApi.path("components").path("schemas").properties().forEach(schema -> {
            Set<String> properties = propertyNames(schema.getValue());
            for (String required : stringsOf(schema.getValue().path("required"))) {
                if (!properties.contains(required)) {
                    dangling.add(schema.getKey() + "." + required);
                }
            }
        });
        assertThat(dangling).as("required properties that components/schemas do not define").isEmpty();
    }

    // ------------------------------------------------------------------ records

    /** Names (JSON paths) of the fields of {@code value} that are null or empty lists, recursively. */
    private static void collectEmptyFields(Object value, String path, List<String> empty) {
        if (value == null || value instanceof List<?> list && list.isEmpty()) {
            empty.add(path);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                collectEmptyFields(read(component, record), join(path, component.getName()), empty);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collectEmptyFields(element, path + "[]", empty));
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectEnumFields(Contract contract, Class<?> type, String path, List<EnumField> fields) {
        for (RecordComponent component : type.getRecordComponents()) {
            String componentPath = join(path, component.getName());
            Class<?> valueType = component.getType();
            String valuePath = componentPath;
            if (List.class.isAssignableFrom(valueType)) {
                Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                valueType = (Class<?>) element;
                valuePath = componentPath + "[]";
            }
            if (valueType.isEnum()) {
                fields.add(new EnumField(contract, valuePath, (Class<? extends Enum<?>>) valueType));
            } else if (valueType.isRecord()) {
                collectEnumFields(contract, valueType, valuePath, fields);
            }
        }
    }

    /** JSON paths of every field: {@code media.mimeType}; array elements as {@code buttons[].id}. */
    private static void collectJsonPaths(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String fieldPath = join(path, field.getKey());
                paths.add(fieldPath);
                collectJsonPaths(field.getValue(), fieldPath, paths);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectJsonPaths(element, path + "[]", paths));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // ------------------------------------------------------------------ asyncapi.yaml

    private static JsonNode schema(String name) {
        JsonNode schema = asyncApi.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            fail("asyncapi.yaml has no components/schemas/" + name);
        }
        return schema;
    }

    /** The same paths as {@link #collectJsonPaths}, from the properties a schema documents. */
    private static void collectSchemaPaths(JsonNode schema, String path, Set<String> paths, String where) {
        JsonNode resolved = resolve(schema);
        for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
            if (resolved.has(keyword)) {
                fail(where + " uses " + keyword + ": this test reads only properties and items; extend it");
            }
        }
        resolved.path("properties").properties().forEach(property -> {
            String propertyPath = join(path, property.getKey());
            paths.add(propertyPath);
            collectSchemaPaths(property.getValue(), propertyPath, paths, where + "/properties/" + property.getKey());
        });
        if (resolved.has("items")) {
            collectSchemaPaths(resolved.get("items"), path + "[]", paths, where + "/items");
        }
    }

    /** The schema of the property at a JSON path such as {@code list.sections[].rows[].id}. */
    private static JsonNode schemaAt(JsonNode schema, String path) {
        JsonNode current = resolve(schema);
        for (String step : path.split("\\.")) {
            boolean element = step.endsWith("[]");
            String name = element ? step.substring(0, step.length() - 2) : step;
            current = resolve(current.path("properties").path(name));
            if (element) {
                current = resolve(current.path("items"));
            }
            if (current.isMissingNode()) {
                fail("asyncapi.yaml does not document " + path);
            }
        }
        return current;
    }

    /** Follows local {@code $ref}s ({@code #/a/b/c}) until a node that is not a reference. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 10) {
                fail("asyncapi.yaml: cannot follow $ref " + ref);
            }
            current = asyncApi.at(ref.substring(1));
            if (current.isMissingNode()) {
                fail("asyncapi.yaml: $ref " + ref + " points nowhere");
            }
        }
        return current;
    }

    private static JsonNode channelAt(String address) {
        List<JsonNode> channels = new ArrayList<>();
        asyncApi.path("channels").forEach(channel -> {
            if (address.equals(channel.path("address").asText())) {
                channels.add(channel);
            }
        });
        assertThat(channels).as("channels in asyncapi.yaml whose address is %s", address).hasSize(1);
        return channels.get(0);
    }

    /** The messages of a channel, with their references resolved (but not their payload's). */
    private static List<JsonNode> messagesOf(JsonNode channel, String address) {
        List<JsonNode> messages = new ArrayList<>();
        channel.path("messages").forEach(message -> messages.add(resolve(message)));
        assertThat(messages).as("messages of channel %s", address).isNotEmpty();
        return messages;
    }

    /**
     * The message on {@code address} documents a string key whose examples are exactly the value of the payload
     * field that is the key of the contract's topic ({@link #KEY_FIELDS}) in the sample. The samples use different
     * values for {@code waId} and {@code phoneNumberId}, so a channel documented with the other key fails.
     */
    private static void assertKeyedBy(JsonNode message, String address, Contract contract) {
        String keyField = KEY_FIELDS.get(contract.topic());
        assertThat(keyField).as("KEY_FIELDS: the payload field that is the key of %s", contract.topic()).isNotNull();
        JsonNode key = resolve(resolve(message.path("bindings")).path("kafka").path("key"));
        assertThat(key.path("type").asText())
                .as("bindings.kafka.key of the message on channel %s (the payload's %s)", address, keyField)
                .isEqualTo("string");
        assertThat(stringsOf(resolve(message.path("payload")).path("required")))
                .as("required properties of the payload on channel %s: the key %s", address, keyField)
                .contains(keyField);
        JsonNode sampleKey = JSON.valueToTree(contract.sample()).path(keyField);
        assertThat(sampleKey.isTextual()).as("the %s sample's %s (the key)", contract, keyField).isTrue();
        assertThat(stringsOf(key.path("examples")))
                .as("examples of bindings.kafka.key on channel %s: the payload's %s", address, keyField)
                .containsExactly(sampleKey.asText());
    }

    /** The services (operation tags) that {@code action} ("send" or "receive") the channel at {@code address}. */
    private static Set<String> servicesThat(String action, String address) {
        Set<String> services = new TreeSet<>();
        asyncApi.path("operations").forEach(operation -> {
            JsonNode channel = resolve(operation.path("channel"));
            if (action.equals(operation.path("action").asText())
                    && address.equals(channel.path("address").asText())) {
                operation.path("tags").forEach(tag -> services.add(resolve(tag).path("name").asText()));
            }
        });
        return services;
    }

    private static Set<String> propertyNames(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        resolve(schema).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> stringsOf(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
