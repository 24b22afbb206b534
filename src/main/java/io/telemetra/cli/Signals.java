package io.telemetra.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a graceful stop. Handling the signals (instead of a shutdown
 * hook) lets the program flush, print its summary and exit with its own code (0), rather than
 * the JVM's 130/143. A second signal forces an immediate exit.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
  private static volatile boolean received;

  private Signals() {}

  static void onStop(Runnable stop) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), sig -> {
          if (received) {
            LOG.warn("Second SIG{}: exiting now without flushing", sig.getName());
            Runtime.getRuntime().halt(128 + sig.getNumber());
          }
          received = true;
          LOG.info("SIG{} received: stopping (send it again to exit at once)", sig.getName());
          stop.run();
        });
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{} here: {}", name, e.getMessage());
      }
    }
  }
}
