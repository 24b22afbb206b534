package io.telemetra.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster in this JVM: one or more combined broker+controller nodes in KRaft mode,
 * built from the Apache Kafka server artifacts. Used by {@code telemetra produce} when no {@code
 * KAFKA_BOOTSTRAP_SERVERS} is set, by {@code telemetra broker}, and by the integration tests.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build().start()) {
 *   String servers = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final List<Node> nodes = new ArrayList<>();
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final String clusterId;
  private final String voters;
  private final Map<String, String> extraProperties;
  private final String listenerProtocol;

  /** What a client needs besides the bootstrap servers (SASL settings, or nothing). */
  private final Map<String, Object> clientProps;

  private final String saslUser;
  private final String saslPassword;
  private final String saslMechanism;

  private static final class Node {
    final int id;
    final int port;
    final int controllerPort;
    final Path logDir;
    volatile KafkaRaftServer server;

    Node(int id, int port, int controllerPort, Path logDir) {
      this.id = id;
      this.port = port;
      this.controllerPort = controllerPort;
      this.logDir = logDir;
    }
  }

  private EmbeddedKafka(Builder b) {
    try {
      this.deleteOnClose = b.dataDir == null;
      this.dataDir = b.dataDir != null ? b.dataDir : Files.createTempDirectory("telemetra-kafka-");
      Files.createDirectories(dataDir);
      this.clusterId = readOrCreateClusterId(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the broker's data directory: " + e.getMessage(), e);
    }
    this.extraProperties = Map.copyOf(b.properties);
    this.saslUser = b.saslUser;
    this.saslPassword = b.saslPassword;
    this.saslMechanism = b.saslMechanism;
    this.listenerProtocol = b.saslUser != null ? "SASL_PLAINTEXT" : b.listenerProtocol;
    this.clientProps =
        b.saslUser == null
            ? Map.of()
            : Map.copyOf(saslClientProperties(b.saslMechanism, b.saslUser, b.saslPassword));
    StringBuilder v = new StringBuilder();
    for (int i = 0; i < b.nodes; i++) {
      int port = i == 0 && b.port != 0 ? b.port : freePort();
      int controllerPort = freePort();
      nodes.add(new Node(i + 1, port, controllerPort, dataDir.resolve("node-" + (i + 1))));
      if (v.length() > 0) {
        v.append(',');
      }
      v.append(i + 1).append("@127.0.0.1:").append(controllerPort);
    }
    this.voters = v.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the storage (first start only) and starts every node; waits until the cluster answers.
   */
  public EmbeddedKafka start() {
    if (nodes.size() == 1) {
      startNode(nodes.get(0));
    } else {
      // In parallel: a node's start-up blocks until the controller quorum (a majority of the
      // nodes) is up, so starting them one after another would wait forever on the first.
      List<Thread> starters = new ArrayList<>();
      List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (Node node : nodes) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    startNode(node);
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                },
                "embedded-kafka-start-" + node.id);
        starters.add(t);
        t.start();
      }
      for (Thread t : starters) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while starting the embedded Kafka cluster", e);
        }
      }
      if (!failures.isEmpty()) {
        close();
        throw failures.get(0);
      }
    }
    awaitReady(Duration.ofSeconds(60));
    return this;
  }

  private void startNode(Node node) {
    Properties props = nodeProperties(node);
    try {
      Files.createDirectories(node.logDir);
      Formatter formatter =
          new Formatter()
              .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
              .setClusterId(clusterId)
              .setNodeId(node.id)
              .addDirectory(node.logDir.toString())
              .setMetadataLogDirectory(node.logDir.toString())
              .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
              .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
              .setControllerListenerName("CONTROLLER")
              .setIgnoreFormatted(true);
      if (saslUser != null && !saslMechanism.equals("PLAIN")) {
        formatter.setScramArguments(
            List.of(saslMechanism + "=[name=" + saslUser + ",password=" + saslPassword + "]"));
      }
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format the broker's storage in " + node.logDir + ": " + e.getMessage(), e);
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    node.server = server;
  }

  private Properties nodeProperties(Node node) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(node.id));
    p.put("controller.quorum.voters", voters);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + node.port + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:" + listenerProtocol + ",CONTROLLER:PLAINTEXT");
    if (saslUser != null) {
      // SASL on the client listener, which is also the inter-broker listener: the nodes log in to
      // each other as the same user. The controller listener stays PLAINTEXT (loopback only).
      p.put("sasl.enabled.mechanisms", saslMechanism);
      p.put("sasl.mechanism.inter.broker.protocol", saslMechanism);
      String prefix =
          "listener.name.plaintext."
              + saslMechanism.toLowerCase(java.util.Locale.ROOT)
              + ".sasl.jaas.config";
      if (saslMechanism.equals("PLAIN")) {
        p.put(
            prefix,
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + saslUser
                + "\" password=\""
                + saslPassword
                + "\" user_"
                + saslUser
                + "=\""
                + saslPassword
                + "\";");
      } else {
        // SCRAM users live in the cluster metadata; the storage formatter writes this one (see
        // startNode).
        p.put(
            prefix,
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + saslUser
                + "\" password=\""
                + saslPassword
                + "\";");
      }
    }
    p.put("log.dirs", node.logDir.toString());
    int replication = Math.min(3, nodes.size());
    p.put("offsets.topic.replication.factor", String.valueOf(replication));
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", String.valueOf(replication));
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
    p.put("share.coordinator.state.topic.min.isr", "1");
    // A consumer group should start at once, not after the default 3 s rebalance delay.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "3");
    // Small segments keep a long local run's disk use modest.
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    p.put("log.retention.bytes", String.valueOf(1024L * 1024 * 1024));
    p.put("auto.create.topics.enable", "false");
    p.putAll(extraProperties);
    return p;
  }

  /** Blocks until the cluster reports all its nodes, or fails. */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> conf = new LinkedHashMap<>(clientConfig());
    conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    Exception last = null;
    try (Admin admin = Admin.create(conf)) {
      while (System.nanoTime() < deadline) {
        try {
          int n = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
          if (n >= liveNodeCount()) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        sleep(100);
      }
    }
    throw new IllegalStateException(
        "embedded Kafka did not become ready within "
            + timeout.toSeconds()
            + " s"
            + (last == null ? "" : ": " + last.getMessage()));
  }

  private int liveNodeCount() {
    int n = 0;
    for (Node node : nodes) {
      if (node.server != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * What a client needs besides the bootstrap servers to connect: empty for a PLAINTEXT listener;
   * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} with the
   * configured user for a SASL/PLAIN listener.
   */
  public Map<String, Object> clientConfig() {
    return clientProps;
  }

  /** Kafka client properties that log in to a SASL/PLAIN listener as {@code user}. */
  public static Map<String, Object> saslClientProperties(String user, String password) {
    return saslClientProperties("PLAIN", user, password);
  }

  /**
   * Kafka client properties that log in with {@code mechanism} (PLAIN, SCRAM-SHA-256,
   * SCRAM-SHA-512) as {@code user}.
   */
  public static Map<String, Object> saslClientProperties(
      String mechanism, String user, String password) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("security.protocol", "SASL_PLAINTEXT");
    c.put("sasl.mechanism", mechanism);
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    c.put(
        "sasl.jaas.config",
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
    return c;
  }

  /** {@code 127.0.0.1:port[,...]} of every running node. */
  public String bootstrapServers() {
    StringBuilder sb = new StringBuilder();
    for (Node node : nodes) {
      if (node.server == null && liveNodeCount() > 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append("127.0.0.1:").append(node.port);
    }
    return sb.toString();
  }

  public int port() {
    return nodes.get(0).port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int size() {
    return nodes.size();
  }

  /** Stops node {@code index} (0-based), as a crash or maintenance would; its data stays. */
  public void stopNode(int index) {
    Node node = nodes.get(index);
    if (node.server != null) {
      node.server.shutdown();
      node.server.awaitShutdown();
      node.server = null;
    }
  }

  /** Restarts a stopped node on the same ports and data. */
  public void restartNode(int index) {
    Node node = nodes.get(index);
    if (node.server == null) {
      startNode(node);
    }
  }

  @Override
  public void close() {
    // All nodes at once: stopped one by one, the last ones would lose their controller quorum
    // and wait minutes for a controlled shutdown no controller can acknowledge.
    List<Thread> stoppers = new ArrayList<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  stopNode(index);
                } catch (RuntimeException e) {
                  LOG.warn("Error stopping embedded Kafka node {}: {}", index + 1, e.toString());
                }
              },
              "embedded-kafka-stop-" + (i + 1));
      stoppers.add(t);
      t.start();
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private static String readOrCreateClusterId(Path dir) throws IOException {
    Path file = dir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id);
    return id;
  }

  /** A currently free local port. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code port} on 127.0.0.1 can be bound now. */
  public static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", root, e.toString());
    }
  }

  /** Configures an {@link EmbeddedKafka}. */
  public static final class Builder {
    private int port = 9092;
    private int nodes = 1;
    private Path dataDir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String listenerProtocol = "PLAINTEXT";
    private String saslUser;
    private String saslPassword;
    private String saslMechanism;

    /** Client port of the first node; 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Number of combined broker+controller nodes (default 1). */
    public Builder nodes(int nodes) {
      this.nodes = nodes;
      return this;
    }

    /**
     * Where logs live; kept after close. Null (default): a temporary directory, deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Any broker property, e.g. {@code min.insync.replicas}. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /**
     * Security protocol of the client listener, e.g. {@code SASL_PLAINTEXT} (default PLAINTEXT).
     */
    public Builder listenerProtocol(String protocol) {
      this.listenerProtocol = protocol;
      return this;
    }

    /**
     * Requires SASL/PLAIN authentication on the client listener, with one user. Clients connect
     * with {@link EmbeddedKafka#saslClientProperties}; the broker's own readiness probe does so
     * too.
     */
    public Builder saslPlain(String user, String password) {
      return sasl("PLAIN", user, password);
    }

    /**
     * Requires SASL/SCRAM-SHA-512 authentication on the client listener, with one user (stored in
     * the cluster metadata when the storage is first formatted).
     */
    public Builder saslScram512(String user, String password) {
      return sasl("SCRAM-SHA-512", user, password);
    }

    private Builder sasl(String mechanism, String user, String password) {
      if (user == null
          || user.isEmpty()
          || !user.matches("[A-Za-z0-9_.-]+")
          || password == null
          || password.isEmpty()
          || password.matches(".*[\",\\]\\\\].*")) {
        throw new IllegalArgumentException(
            "SASL user must be [A-Za-z0-9_.-]+ and the password must not contain '\"', ',' or ']'");
      }
      this.saslMechanism = mechanism;
      this.saslUser = user;
      this.saslPassword = password;
      return this;
    }

    public EmbeddedKafka build() {
      return new EmbeddedKafka(this);
    }
  }
}
