package io.telemetra.event;

/**
 * An emote occurrence in a chat message. {@code start}/{@code end} are inclusive code-point
 * positions in the message text, as Twitch reports them. {@code id} is set only for first-party
 * (Twitch) emotes; third-party emotes (BTTV, FFZ, 7TV) are plain text to Twitch.
 */
public record Emote(String name, String id, String provider, int start, int end) {}
