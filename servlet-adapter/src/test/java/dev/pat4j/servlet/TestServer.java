package dev.pat4j.servlet;

/** An embedded servlet container listening on 127.0.0.1. */
interface TestServer extends AutoCloseable {
    /** Request headers up to this size reach the application, so the filter sees the 8 KiB+ cases itself. */
    int REQUEST_HEADER_SIZE = 32 * 1024;

    int port();

    @Override
    void close();
}
