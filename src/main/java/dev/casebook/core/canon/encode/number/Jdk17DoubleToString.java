package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;

/**
 * {@code Double.toString} as JDK 17 and 18 print it ({@code FloatingDecimal}, not always the
 * shortest digits). Casebook reproduces it by calling the runtime's own method, so the profile
 * is exact only when the service itself runs on JDK 17 or 18 (the supported runtime); on a newer
 * JDK the profile refuses rather than guess.
 */
final class Jdk17DoubleToString {

    private static final boolean RUNTIME_IS_JDK17_OR_18 = Runtime.version().feature() <= 18;

    private Jdk17DoubleToString() {
    }

    static String toString(double v) throws LanguageFailure {
        if (!RUNTIME_IS_JDK17_OR_18) {
            throw LanguageFailure.unavailable("the jackson-jdk17 profile reproduces JDK 17's Double.toString and needs the service to run on JDK 17 or 18; this one runs on JDK "
                    + Runtime.version().feature());
        }
        return Double.toString(v);
    }
}
