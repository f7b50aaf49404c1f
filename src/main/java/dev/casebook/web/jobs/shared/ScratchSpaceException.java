package dev.casebook.web.jobs.shared;

import java.io.IOException;

/**
 * This replica's scratch directory cannot take a dump from object storage and still keep
 * {@code casebook.jobs.min-free-disk} free: said before the download, not found out by a full disk half-way.
 */
public final class ScratchSpaceException extends IOException {

    public ScratchSpaceException(String message) {
        super(message);
    }
}
