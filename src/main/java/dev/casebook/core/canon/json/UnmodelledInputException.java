package dev.casebook.core.canon.json;

/**
 * The body uses something the language's reader accepts but Casebook does not reproduce (Newtonsoft's
 * comments kept inside arrays, {@code undefined}, constructors): the honest answer is "cannot say", not
 * bytes that might be wrong nor an error the language would not give.
 */
public final class UnmodelledInputException extends RuntimeException {

    public UnmodelledInputException(String message) {
        super(message, null, false, false);
    }
}
