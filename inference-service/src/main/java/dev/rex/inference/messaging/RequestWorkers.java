package dev.rex.inference.messaging;

import dev.rex.events.EventTypes;
import dev.rex.inference.answering.BatchAnswering;
import dev.rex.inference.config.InferenceConfig;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.MessagingConfig;
import dev.rex.service.RexDeadLetterQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code rex.inference.workers} {@link RequestWorker}s at start-up, each on its own thread with its own
 * consumer (so up to that many partitions are answered concurrently), and stops them at shut-down. Before that it
 * gives {@code rex.inference.requests} {@code rex.inference.partitions} partitions if it has fewer: the partitions
 * bound how many workers, over all replicas, have something to do.
 */
@Singleton
public class RequestWorkers {
    private static final Logger LOG = Logger.getLogger(RequestWorkers.class);

    private final InferenceConfig config;
    private final String bootstrap;
    private final ModelHolder holder;
    private final BatchAnswering answering;
    private final InferenceRepository repository;
    private final RequestMetrics metrics;
    private final MessagingConfig messaging;
    private final List<RequestWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public RequestWorkers(InferenceConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                          ModelHolder holder, BatchAnswering answering, InferenceRepository repository,
                          RequestMetrics metrics, MessagingConfig messaging) {
        if (config.workers() < 1) {
            throw new IllegalArgumentException("rex.inference.workers must be at least 1, was " + config.workers());
        }
        if (config.maxBatch() < 1) {
            throw new IllegalArgumentException("rex.inference.max-batch must be at least 1, was " + config.maxBatch());
        }
        if (config.partitions() < 1) {
            throw new IllegalArgumentException("rex.inference.partitions must be at least 1, was " + config.partitions());
        }
        this.config = config;
        this.bootstrap = bootstrap;
        this.holder = holder;
        this.answering = answering;
        this.repository = repository;
        this.metrics = metrics;
        this.messaging = messaging;
    }

    synchronized void start(@Observes StartupEvent ev) {
        String replica = config.replicaId().orElseGet(RequestWorkers::hostName);
        for (int i = 1; i <= config.workers(); i++) {
            String name = "rex-inference-" + replica + "-" + i;
            workers.add(new RequestWorker(name, consumerConfig(name), producerConfig(name), config.maxBatch(),
                    config.maxWait(), holder, answering, repository, metrics, messaging.maxRecordBytes(),
                    messaging.deadLetterPayloadBytes()));
        }
        Thread starter = new Thread(() -> {
            ensurePartitions();
            synchronized (this) {
                for (RequestWorker w : workers) {
                    Thread t = new Thread(w, w.name());
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
            }
        }, "rex-inference-start");
        starter.setDaemon(true);
        starter.start();
    }

    synchronized void stop(@Observes ShutdownEvent ev) {
        workers.forEach(RequestWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** For readiness: each worker's partitions and last error; empty before the workers started. */
    public synchronized List<Map<String, Object>> status() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            RequestWorker w = workers.get(i);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("worker", w.name());
            s.put("running", i < threads.size() && threads.get(i).isAlive() && !w.ended());
            s.put("partitions", w.assigned().stream().map(tp -> tp.partition()).sorted().toList());
            if (w.lastError() != null) s.put("lastError", w.lastError());
            out.add(s);
        }
        return out;
    }

    private Map<String, Object> consumerConfig(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", Channels.GROUP);
        c.put("client.id", name);
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("isolation.level", "read_committed");
        c.put("max.poll.records", Integer.toString(config.maxBatch()));
        // a replica that died is noticed after this long and its partitions go to the others
        c.put("session.timeout.ms", "10000");
        c.put("heartbeat.interval.ms", "3000");
        // records up to rex.messaging.max-record-bytes (a bigger one is dead-lettered truncated)
        c.put("max.partition.fetch.bytes", Integer.toString(messaging.maxRecordBytes()));
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return c;
    }

    private Map<String, Object> producerConfig(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", name);
        p.put("transactional.id", name);
        p.put("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("max.request.size", Integer.toString(RexDeadLetterQueue.maxRequestSize(messaging)));
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return p;
    }

    private void ensurePartitions() {
        String topic = EventTypes.INFERENCE_REQUEST.topic();
        int want = config.partitions();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, want, (short) -1))).all().get(30, TimeUnit.SECONDS);
                LOG.infof("created %s with %d partitions", topic, want);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            int have = d.partitions().size();
            if (have < want) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(want))).all().get(30, TimeUnit.SECONDS);
                LOG.infof("%s: partitions %d -> %d (rex.inference.partitions)", topic, have, want);
            }
        } catch (Exception e) {
            // a race with another replica, or the broker not there yet: the workers still consume what exists
            LOG.warnf("could not give %s %d partitions: %s", topic, want, e.toString());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "replica";
        }
    }
}
