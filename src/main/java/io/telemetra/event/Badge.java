package io.telemetra.event;

/**
 * A chat badge as EventSub reports it: {@code setId} (subscriber, moderator ...), {@code id} (the
 * badge version, e.g. the subscriber tenure bucket) and {@code info} (e.g. exact months).
 */
public record Badge(String setId, String id, String info) {}
