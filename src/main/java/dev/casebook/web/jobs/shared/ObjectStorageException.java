package dev.casebook.web.jobs.shared;

import java.io.IOException;

/** The object storage failed (not the stream being uploaded): its message names the operation, key and endpoint. */
public final class ObjectStorageException extends IOException {

    ObjectStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
