package io.telemetra.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The HTTP endpoint, on the Prometheus client's {@link HTTPServer}: {@code /metrics} (text format,
 * or OpenMetrics/protobuf when asked for), plus the health endpoints, served by a handler on {@code
 * /}:
 *
 * <ul>
 *   <li>{@code /health}: 200 unless Kafka counts as unreachable or the run has ended (the Docker
 *       health check)
 *   <li>{@code /healthz}: liveness; 503 only once the run has failed
 *   <li>{@code /readyz}: readiness; 200 only while connected and producing
 * </ul>
 *
 * Each answers a small JSON object ({@link HealthCheck.Status#toJson()}). Binds every interface (a
 * container's port mapping needs that).
 */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts serving.
   *
   * @param port the port; 0 picks a free one (see {@link #port()})
   * @throws IOException when the port cannot be bound
   */
  public static MetricsServer start(
      int port, PrometheusRegistry registry, Supplier<HealthCheck.Status> health)
      throws IOException {
    HTTPServer server =
        HTTPServer.builder()
            .port(port)
            .registry(registry)
            .defaultHandler(new Router(health))
            .buildAndStart();
    return new MetricsServer(server);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Everything except /metrics (which the Prometheus server routes itself). */
  private record Router(Supplier<HealthCheck.Status> health) implements HttpHandler {
    private static final String INDEX =
        "telemetra produce\n\n"
            + "/metrics  Prometheus metrics\n"
            + "/health   200 while producing, 503 when Kafka is unreachable or the run ended\n"
            + "/healthz  liveness: 503 only when the run failed\n"
            + "/readyz   readiness: 200 while connected and producing\n";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        drain(exchange.getRequestBody());
        String path = exchange.getRequestURI().getPath();
        switch (path) {
          case "/health", "/health/" -> {
            HealthCheck.Status s = health.get();
            respond(exchange, s.healthy() ? 200 : 503, "application/json", s.toJson() + "\n");
          }
          case "/healthz" -> {
            HealthCheck.Status s = health.get();
            respond(exchange, s.live() ? 200 : 503, "application/json", s.toJson() + "\n");
          }
          case "/readyz" -> {
            HealthCheck.Status s = health.get();
            respond(exchange, s.ready() ? 200 : 503, "application/json", s.toJson() + "\n");
          }
          case "/" -> respond(exchange, 200, "text/plain; charset=utf-8", INDEX);
          default ->
              respond(
                  exchange,
                  404,
                  "text/plain; charset=utf-8",
                  "Not found: " + path + "\n\n" + INDEX);
        }
      }
    }

    private static void drain(InputStream in) throws IOException {
      byte[] buf = new byte[1024];
      while (in.read(buf) >= 0) {
        // Discard: a request body is not expected.
      }
    }

    private static void respond(HttpExchange exchange, int code, String type, String body)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
