import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The HTTP→Kafka ceiling of bench/ingest.sh: the smallest honest endpoint that answers a POST only after the broker
 * acknowledged its body. JDK HttpServer, one KafkaProducer with the gateway's settings ({@code acks=all},
 * idempotence, {@code linger.ms=1}); each request's body is sent as one record keyed by a counter (so it spreads
 * over the partitions as the gateway's per-patron keys do) and answered 200 from the producer's callback, 503 if
 * the broker refused it. No signature, no parsing, no database: what HTTP plus an awaited Kafka write costs here.
 *
 * <pre>java -cp LOCAL_STACK_CP bench/ingest/KafkaCeiling.java PORT BOOTSTRAP TOPIC</pre>
 */
public final class KafkaCeiling {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer());
        String topic = args[2];
        java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
        byte[] ok = "EVENT_RECEIVED".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            producer.send(new ProducerRecord<>(topic, Long.toString(counter.incrementAndGet()), body),
                    (metadata, failure) -> {
                        try (OutputStream out = exchange.getResponseBody()) {
                            exchange.sendResponseHeaders(failure == null ? 200 : 503, ok.length);
                            out.write(ok);
                        } catch (java.io.IOException e) {
                            exchange.close();
                        }
                    });
        });
        // Two request threads (the cores); the answer is written by the producer's callback, so none waits.
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("KafkaCeiling on 127.0.0.1:" + port + " → " + args[1] + " " + topic);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            producer.close();
        }));
    }
}
