package io.telemetra.config;

/** A channel named by the user, with an optional baseline audience (0 = draw one). */
public record ChannelSpec(String name, long audience) {}
