package dev.vkac.targets.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The processes one target started, stopped in reverse order on close and, should the JVM be stopped
 * first (Ctrl-C, a CI timeout's SIGTERM), by a shutdown hook.
 */
public final class ProcessGroup implements AutoCloseable {

    private final Deque<ManagedProcess> processes = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-local-servers");

    public ProcessGroup() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public synchronized ManagedProcess add(ManagedProcess process) {
        processes.push(process);
        return process;
    }

    /** Stops one process now (a server whose run is over) and forgets it. */
    public void stop(ManagedProcess process) {
        synchronized (this) {
            processes.remove(process);
        }
        process.close();
    }

    private void stopAll() {
        ManagedProcess next;
        while ((next = poll()) != null) {
            next.close();
        }
    }

    private synchronized ManagedProcess poll() {
        return processes.poll();
    }

    /** Leaves every process running and forgets them (the environment is kept for debugging). */
    public synchronized void release() {
        processes.clear();
        removeHook();
    }

    @Override
    public void close() {
        stopAll();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }
}
