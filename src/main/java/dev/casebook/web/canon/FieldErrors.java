package dev.casebook.web.canon;

import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** A request's field errors, gathered so that one 400 lists them all, and the checks of a field's type that report them. */
final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>(0);

    void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }

    /** The text of a string value; null for an absent or null value, and for any other type, reported. */
    String string(JsonValue v, String field) {
        if (v == null || v == JsonValue.Null.NULL) {
            return null;
        }
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        add(field, "must be a string");
        return null;
    }

    /** An object value; null for an absent or null value, and for any other type, reported. */
    JsonValue.Obj object(JsonValue v, String field) {
        if (v == null || v == JsonValue.Null.NULL) {
            return null;
        }
        if (v instanceof JsonValue.Obj o) {
            return o;
        }
        add(field, "must be an object");
        return null;
    }

    /** Whether a field was given a value: absent and null are the same. */
    static boolean given(JsonValue v) {
        return v != null && v != JsonValue.Null.NULL;
    }
}
