package io.telemetra.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT and SIGTERM into a graceful stop. Handling the signals (instead of a shutdown hook)
 * lets the program flush, print its summary and exit with its own code (0), rather than the JVM's
 * 130/143. A second signal forces an immediate exit.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build) through
 * reflection, so that the build's warnings-as-errors lint stays clean; where it is missing, the
 * JVM's default signal handling applies.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
  private static volatile boolean received;

  private Signals() {}

  static void onStop(Runnable stop) {
    Class<?> signalClass;
    Class<?> handlerClass;
    Method handle;
    Method getName;
    Method getNumber;
    try {
      signalClass = Class.forName("sun.misc.Signal");
      handlerClass = Class.forName("sun.misc.SignalHandler");
      handle = signalClass.getMethod("handle", signalClass, handlerClass);
      getName = signalClass.getMethod("getName");
      getNumber = signalClass.getMethod("getNumber");
    } catch (ReflectiveOperationException e) {
      LOG.debug("No sun.misc.Signal here ({}); default signal handling applies", e.toString());
      return;
    }
    Object handler =
        Proxy.newProxyInstance(
            Signals.class.getClassLoader(),
            new Class<?>[] {handlerClass},
            (proxy, method, args) -> {
              if (!method.getName().equals("handle")) {
                return method.getName().equals("hashCode")
                    ? System.identityHashCode(proxy)
                    : method.getName().equals("equals") ? proxy == args[0] : "SignalHandler";
              }
              String name = (String) getName.invoke(args[0]);
              int number = (Integer) getNumber.invoke(args[0]);
              if (received) {
                LOG.warn("Second SIG{}: exiting now without flushing", name);
                Runtime.getRuntime().halt(128 + number);
              }
              received = true;
              LOG.info("SIG{} received: stopping (send it again to exit at once)", name);
              stop.run();
              return null;
            });
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{} here: {}", name, e.toString());
      }
    }
  }
}
