package io.telemetra.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.telemetra.metrics.JsonLogEncoder;
import org.slf4j.LoggerFactory;

/** Applies LOG_LEVEL and LOG_FORMAT to Logback at start-up. */
public final class LogConfig {
  private LogConfig() {}

  public static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n";

  /**
   * @param level TRACE, DEBUG, INFO, WARN or ERROR (for this program's own loggers)
   * @param format {@code text} or {@code json} (one JSON object per line)
   */
  public static void apply(String level, String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    ctx.getLogger("io.telemetra").setLevel(Level.toLevel(level, Level.INFO));
    // Kafka's clients and broker are chatty: INFO only when debugging, else WARN as in logback.xml
    // (set both ways, so a second run in the same JVM, e.g. in tests, does not inherit DEBUG's).
    boolean debug = level.equals("DEBUG") || level.equals("TRACE");
    ctx.getLogger("org.apache.kafka").setLevel(debug ? Level.INFO : Level.WARN);
    Encoder<ILoggingEvent> encoder;
    if ("json".equals(format)) {
      // Logback's own JsonEncoder writes epoch-millis timestamps and loggerName/formattedMessage
      // fields; this one writes the ISO timestamp, logger and message that log shippers expect.
      encoder = new JsonLogEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(TEXT_PATTERN);
      encoder = text;
    }
    encoder.setContext(ctx);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
