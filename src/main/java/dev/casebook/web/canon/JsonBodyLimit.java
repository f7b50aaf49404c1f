package dev.casebook.web.canon;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose JSON body is held to {@code casebook.canonical.max-request-size}
 * ({@link JsonRequestBody}): bound to the matched method rather than to a path, so every spelling
 * of the path that reaches the method (a trailing slash included) is held to it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface JsonBodyLimit {
}
