package io.telemetra.produce;

import io.telemetra.event.Event;

/** One event on its way to a sink: its topic, key (the channel), JSON bytes and sequence number. */
public record OutgoingRecord(Event event, String topic, String key, byte[] value, long sequence) {}
