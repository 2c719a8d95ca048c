package dev.pat4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs classes of these tests in JVMs of their own, each with a clean environment (no {@code $PAT_DB}). */
final class JavaProcesses {
    private JavaProcesses() {
    }

    /** What one process printed and returned. */
    record Finished(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The command line running {@code main} on {@code classPath}, after {@code prefix} (such as {@code sh -c}). */
    static List<String> command(List<String> prefix, String classPath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData"); // no hsperfdata file, which another user could not write
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** {@code command} run under {@code umask 000}, the most permissive there is. */
    static List<String> underUmask000(List<String> command) {
        List<String> shell = new ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh"));
        shell.addAll(command);
        return shell;
    }

    static ProcessBuilder builder(List<String> command, Path workingDirectory, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PAT"));
        environment.put("LC_ALL", "C"); // the system's messages in English ("Permission denied")
        environment.putAll(env);
        return builder;
    }

    /** Runs {@code command} to its end (at most two minutes). */
    static Finished run(List<String> command, Path workingDirectory, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("pat-process", ".out");
        Path err = Files.createTempFile("pat-process", ".err");
        try {
            Process p = builder(command, workingDirectory, env).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Finished(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This JVM's class path. */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Starts a {@link DatabaseHolder} and waits (at most 90 s) until it holds the database open. */
    static Process hold(List<String> command, Path workingDirectory) throws IOException, InterruptedException {
        Process holder = builder(command, workingDirectory, Map.of()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                holder.destroyForcibly(); // unblocks readLine below if the holder hangs
            } catch (InterruptedException e) {
                // it opened in time
            }
        }, "holder-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.equals(DatabaseHolder.OPEN)) {
                    return holder;
                }
            }
        } finally {
            watchdog.interrupt();
        }
        holder.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the database holder did not open the database in 90 s (exit "
                + (holder.isAlive() ? "none" : holder.exitValue()) + ")");
    }

    /** Closes the holder's standard input, so that it closes the database and ends (at most 30 s). */
    static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS)) {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the database holder did not stop in 30 s");
        }
    }
}
