package dev.casebook.core.canon.profile;

import dev.casebook.core.canon.diagnose.Cause;
import dev.casebook.core.canon.encode.EncodingRules;
import dev.casebook.core.canon.json.ParseRules;
import java.util.EnumMap;
import java.util.Map;

/**
 * One real encoder: parse as {@code language} parses ({@code parse}), then encode as it encodes
 * ({@code encoding}). {@code snippet} is the call that produces these bytes in that language, used
 * when Casebook tells a person what to change. The {@code raw} profile has neither rules: it signs
 * the bytes as given.
 *
 * <p>{@code fixes} says, for each way this encoder writes more than a plain compact encoder (a
 * {@link Cause}: spaces, escapes, a newline), the change in that language that stops it: the
 * concrete advice a diagnosis gives the side that adds those bytes. Written in the catalog only.
 */
public record EncoderProfile(
        String id,
        Language language,
        String description,
        String snippet,
        ParseRules parse,
        EncodingRules encoding,
        Map<Cause, String> fixes) {

    public EncoderProfile {
        fixes = fixes.isEmpty() ? Map.of() : Map.copyOf(fixes);
    }

    /** A profile with no fixes yet (the catalog adds them with {@link #withFix}). */
    public EncoderProfile(String id, Language language, String description, String snippet, ParseRules parse,
                          EncodingRules encoding) {
        this(id, language, description, snippet, parse, encoding, Map.of());
    }

    public boolean isRaw() {
        return encoding == null;
    }

    /** The change that stops this encoder writing the bytes {@code cause} names, or null when none is known. */
    public String fix(Cause cause) {
        return fixes.get(cause);
    }

    EncoderProfile withFix(Cause cause, String fix) {
        Map<Cause, String> more = new EnumMap<>(Cause.class);
        more.putAll(fixes);
        more.put(cause, fix);
        return new EncoderProfile(id, language, description, snippet, parse, encoding, more);
    }
}
