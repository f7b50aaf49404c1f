package dev.casebook.core.canon.profile;

import dev.casebook.core.canon.encode.EncodingRules;
import dev.casebook.core.canon.json.ParseRules;

/**
 * One real encoder: parse as {@code language} parses ({@code parse}), then encode as it encodes
 * ({@code encoding}). {@code snippet} is the call that produces these bytes in that language, used
 * when Casebook tells a person what to change. The {@code raw} profile has neither rules: it signs
 * the bytes as given.
 */
public record EncoderProfile(
        String id,
        Language language,
        String description,
        String snippet,
        ParseRules parse,
        EncodingRules encoding) {

    public boolean isRaw() {
        return encoding == null;
    }
}
