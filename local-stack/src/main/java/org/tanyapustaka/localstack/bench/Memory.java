package org.tanyapustaka.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident set sizes from /proc (Linux). */
final class Memory {

    private Memory() {
    }

    /** VmRSS of the process in MB; 0 if it is gone. */
    static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Proportional set size in MB (shared pages divided among the processes sharing them): summed over
     * PostgreSQL's processes it counts shared buffers once, as RSS would not.
     */
    static long pssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return rssMegabytes(pid);
        }
        return rssMegabytes(pid);
    }

    /** The postmaster of a data directory (first line of postmaster.pid) and all its children. */
    static List<Long> postgresProcesses(Path dataDirectory) {
        List<Long> pids = new ArrayList<>();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            pids.add(postmaster);
            ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
        } catch (IOException | RuntimeException e) {
            // not running
        }
        return pids;
    }
}
