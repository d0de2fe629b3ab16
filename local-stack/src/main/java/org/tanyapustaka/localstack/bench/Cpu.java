package org.tanyapustaka.localstack.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time from /proc (Linux): where the cycles of a run went, process by process, and inside the bench JVM (which
 * holds the Kafka broker, the Graph API stand-in and the load generator) thread group by thread group. Two
 * snapshots subtracted give the CPU seconds each part spent during the run: on a machine whose cores are all busy,
 * the share of each part is what a faster part would give back.
 */
final class Cpu {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** CPU seconds (user + system) by part of the stack, now. */
    static Map<String, Double> snapshot(BenchStack stack) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        stack.servicePids().forEach((name, pid) -> seconds.put(name, seconds(pid)));
        double postgres = 0;
        List<Long> processes = Memory.postgresProcesses(stack.home().resolve("postgres"));
        for (long pid : processes) {
            postgres += seconds(pid);
        }
        seconds.put("postgresql (all its processes)", postgres);
        seconds.putAll(benchThreads());
        return seconds;
    }

    /**
     * What each part spent between two snapshots. A PostgreSQL backend started in between counts whole (it ran
     * within the run); one that exited in between is missing from the second snapshot, so its time is not counted.
     */
    static Map<String, Double> spent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((part, total) -> spent.put(part, Math.max(0, total - before.getOrDefault(part, 0.0))));
        return spent;
    }

    /** user + system time of a process (all its threads), in seconds; 0 if it is gone. */
    static double seconds(long pid) {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat")) / TICKS_PER_SECOND;
    }

    /**
     * This JVM's threads grouped by what they serve, from their names: the Kafka broker's threads, the stand-in's
     * (its HTTP server and status sender), the load generator's (the JDK HTTP client and the sender), and the JVM's
     * own (JIT, GC).
     */
    private static Map<String, Double> benchThreads() {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String group : List.of("bench JVM: Kafka broker", "bench JVM: Graph API stand-in",
                "bench JVM: load generator", "bench JVM: JDK HTTP clients (load generator, stand-in's webhooks)",
                "bench JVM: JIT, GC and other")) {
            groups.put(group, 0.0);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String name = threadName(task);
                groups.merge(group(name), ticks(task.resolve("stat")) / TICKS_PER_SECOND, Double::sum);
            }
        } catch (IOException e) {
            // not Linux: nothing to report
        }
        return groups;
    }

    /** The thread group of a native thread name (Linux keeps the first 15 characters of the Java name). */
    static String group(String name) {
        if (name.startsWith("bench-") || name.equals("main")) {
            return "bench JVM: load generator";
        }
        if (name.startsWith("whatsapp-stand")) {
            return "bench JVM: Graph API stand-in";
        }
        if (name.startsWith("HttpClient")) {
            return "bench JVM: JDK HTTP clients (load generator, stand-in's webhooks)";
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("VM ") || name.startsWith("GC ")
                || name.equals("java") || name.startsWith("Signal") || name.startsWith("Finalizer")
                || name.startsWith("Reference") || name.startsWith("Common-Cleaner") || name.startsWith("Service Thread")
                || name.startsWith("Monitor") || name.startsWith("Sweeper")) {
            return "bench JVM: JIT, GC and other";
        }
        return "bench JVM: Kafka broker";
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime of a /proc stat file (fields 14 and 15; the command name in parentheses may hold spaces). */
    private static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3), so utime (field 14) is fields[11] and stime (field 15) fields[12].
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
