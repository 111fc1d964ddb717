package org.analogy.realtime;

/** The few Linux/macOS error numbers real-time set-up meets, by name for the report. */
final class Errno {

    static final int EPERM = 1;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int EAGAIN = 11;
    static final int ENOSYS = 38;

    private Errno() {}

    static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EINVAL -> "EINVAL";
            case EAGAIN -> "EAGAIN";
            case ENOSYS -> "ENOSYS";
            default -> "error " + errno;
        };
    }
}
