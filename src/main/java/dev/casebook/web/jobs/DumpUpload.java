package dev.casebook.web.jobs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that takes a dump upload, so that {@link UploadRefusals} refuses what it can before
 * a byte of the body is read. Bound to the method, so every spelling of its path is covered.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface DumpUpload {
}
