package io.telemetra.produce;

import io.telemetra.cli.ExitCodes;
import io.telemetra.config.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work against the cluster with Kafka's Admin client: wait until it is reachable (retrying
 * with exponential back-off and one log line per attempt), then create the topics that are missing
 * and leave existing ones alone.
 */
public final class KafkaSetup {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSetup.class);
  private static final long MAX_BACKOFF_MS = 15_000;

  private final Map<String, Object> adminConfig;
  private final String bootstrapServers;

  public KafkaSetup(String bootstrapServers, Map<String, String> clientProperties) {
    this.bootstrapServers = bootstrapServers;
    Map<String, Object> c = new LinkedHashMap<>(clientProperties);
    c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetra-admin");
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    // Without this, an unreachable address makes the client reconnect in a tight loop.
    c.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    this.adminConfig = c;
  }

  /**
   * Waits for the cluster: {@code retries} further attempts after the first, with back-off 1 s, 2
   * s, 4 s ... capped at 15 s.
   *
   * @throws KafkaUnavailableException when every attempt failed
   * @throws FatalSinkException when the cluster refuses the credentials
   */
  public void awaitCluster(int retries) throws InterruptedException {
    long backoff = 1_000;
    for (int attempt = 1; ; attempt++) {
      Admin created;
      try {
        created = Admin.create(adminConfig);
      } catch (org.apache.kafka.common.KafkaException e) {
        // Creating a client does not connect: this is the configuration, and retrying cannot help.
        throw invalidClientConfig(e, adminConfig);
      }
      try (Admin admin = created) {
        int nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        LOG.info(
            "Connected to Kafka at {} ({} broker{})",
            bootstrapServers,
            nodes,
            nodes == 1 ? "" : "s");
        return;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthenticationException auth) {
          throw new FatalSinkException(
              "Kafka at " + bootstrapServers + " refused the credentials: " + auth.getMessage(),
              ExitCodes.AUTHENTICATION,
              auth);
        }
        failAttempt(attempt, retries, backoff, e.getCause() == null ? e : e.getCause());
      } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
        failAttempt(attempt, retries, backoff, e);
      }
      Thread.sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /**
   * Checks the producer's settings as Kafka's client would, without connecting.
   *
   * @throws UsageException naming what is wrong, with secret values masked
   */
  public static void checkProducerConfig(Map<String, Object> producerConfig) {
    try {
      new org.apache.kafka.clients.producer.ProducerConfig(producerConfig);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw invalidClientConfig(e, producerConfig);
    }
  }

  /** A bad client property (KAFKA_CLIENT_* or the properties file) as a one-line usage error. */
  static UsageException invalidClientConfig(Throwable e, Map<String, ?> config) {
    Throwable root = e;
    String message = e.getMessage();
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root.getMessage() != null) {
        message = root.getMessage();
      }
    }
    if (message == null) {
      message = root.getClass().getSimpleName();
    }
    for (Map.Entry<String, ?> p : config.entrySet()) {
      String v = p.getValue() == null ? "" : String.valueOf(p.getValue());
      if (io.telemetra.cli.ProduceCommand.isSecret(p.getKey()) && !v.isEmpty()) {
        message = message.replace(v, "******");
      }
    }
    return new UsageException(
        "Invalid value for the Kafka client properties (KAFKA_CLIENT_* variables, PRODUCER_CONFIG file): "
            + message.replaceAll("\\s*\\R\\s*", " ").trim());
  }

  private void failAttempt(int attempt, int retries, long backoff, Throwable cause) {
    // A refused connection surfaces only as a timeout without a message: say what it means.
    String reason =
        cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.TimeoutException
            ? "no broker answered within 10 s"
            : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (attempt > retries) {
      throw new KafkaUnavailableException(
          "Kafka at "
              + bootstrapServers
              + " is unreachable after "
              + attempt
              + " attempt"
              + (attempt == 1 ? "" : "s")
              + " ("
              + reason
              + "); check KAFKA_BOOTSTRAP_SERVERS or raise CONNECT_RETRIES");
    }
    LOG.warn(
        "Kafka at {} not reachable (attempt {}/{}): {}; next attempt in {} s",
        bootstrapServers,
        attempt,
        retries + 1,
        reason,
        backoff / 1000.0);
  }

  /** Creates the topics that do not exist yet; existing topics are left exactly as they are. */
  public void ensureTopics(Collection<String> topics, int partitions, short replicationFactor)
      throws InterruptedException {
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (existing.contains(topic)) {
          continue;
        }
        missing.add(new NewTopic(topic, partitions, replicationFactor));
      }
      for (Map.Entry<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> e :
          admin.createTopics(missing).values().entrySet()) {
        try {
          e.getValue().get(30, TimeUnit.SECONDS);
          LOG.info(
              "Created topic {} ({} partitions, replication factor {})",
              e.getKey(),
              partitions,
              replicationFactor);
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw ex;
          }
          // Another instance created it between our list and create: fine.
        }
      }
      awaitLeaders(admin, topics);
      List<String> present = new ArrayList<>(topics);
      present.retainAll(existing);
      if (!present.isEmpty()) {
        Map<String, TopicDescription> d =
            admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
        for (TopicDescription td : d.values()) {
          int p = td.partitions().size();
          int rf = td.partitions().isEmpty() ? 0 : td.partitions().get(0).replicas().size();
          String note =
              p != partitions || rf != replicationFactor
                  ? " (differs from TOPIC_PARTITIONS/TOPIC_REPLICATION_FACTOR; left alone)"
                  : "";
          LOG.info(
              "Using existing topic {} ({} partitions, replication factor {}){}",
              td.name(),
              p,
              rf,
              note);
        }
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof AuthenticationException auth) {
        throw new FatalSinkException(
            "Kafka refused the credentials: " + auth.getMessage(), ExitCodes.AUTHENTICATION, auth);
      }
      throw new FatalSinkException(
          "Could not create topics: " + cause.getMessage(), ExitCodes.RUNTIME, cause);
    }
  }

  /**
   * Waits until the leader of every partition answers a ListOffsets request. Producing to a topic
   * the instant it is created gets NOT_LEADER_OR_FOLLOWER from a broker that has not yet become
   * leader, and with several idempotent batches in flight that can leave a partition stuck on
   * OUT_OF_ORDER_SEQUENCE_NUMBER retries (seen with the embedded broker). A leader that answers
   * ListOffsets is serving the partition.
   */
  private static void awaitLeaders(Admin admin, Collection<String> topics)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> d =
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        boolean leaders = d.size() == topics.size();
        for (TopicDescription td : d.values()) {
          leaders &= !td.partitions().isEmpty();
          for (TopicPartitionInfo p : td.partitions()) {
            leaders &= p.leader() != null && !p.leader().isEmpty();
            specs.put(new TopicPartition(td.name(), p.partition()), OffsetSpec.latest());
          }
        }
        if (leaders) {
          admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        last = String.valueOf(e.getMessage());
        LOG.debug("Partitions not ready yet: {}", last);
      }
      Thread.sleep(100);
    }
    LOG.warn(
        "Not every partition of {} has a serving leader after 30 s ({}); producing anyway",
        topics,
        last);
  }

  /**
   * The smallest effective {@code max.message.bytes} of {@code topics} (the largest record batch
   * each accepts), or 0 when it cannot be read (e.g. no DescribeConfigs permission).
   */
  public int smallestMaxMessageBytes(Collection<String> topics) throws InterruptedException {
    List<org.apache.kafka.common.config.ConfigResource> resources = new ArrayList<>();
    for (String t : topics) {
      resources.add(
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t));
    }
    try (Admin admin = Admin.create(adminConfig)) {
      int smallest = Integer.MAX_VALUE;
      for (org.apache.kafka.clients.admin.Config c :
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).values()) {
        org.apache.kafka.clients.admin.ConfigEntry e = c.get("max.message.bytes");
        if (e != null && e.value() != null) {
          smallest = Math.min(smallest, Integer.parseInt(e.value()));
        }
      }
      return smallest == Integer.MAX_VALUE ? 0 : smallest;
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.debug("Could not read max.message.bytes of {}: {}", topics, e.toString());
      return 0;
    }
  }

  /** For tests and tools: how long {@link #awaitCluster} would wait in total. */
  static Duration totalBackoff(int retries) {
    long total = 0;
    long b = 1_000;
    for (int i = 0; i < retries; i++) {
      total += b;
      b = Math.min(b * 2, MAX_BACKOFF_MS);
    }
    return Duration.ofMillis(total);
  }
}
