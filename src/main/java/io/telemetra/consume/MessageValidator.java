package io.telemetra.consume;

import io.telemetra.event.EventType;
import java.util.List;

/**
 * Checks one message value against its topic's schema. A seam so that {@code consume --validate}
 * does not depend on how schemas are loaded.
 */
public interface MessageValidator {
  /** The reasons {@code json} is invalid for {@code type}; empty when it is valid. */
  List<String> validate(EventType type, byte[] json);
}
