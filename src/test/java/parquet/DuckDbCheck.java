package parquet;

import com.fasterxml.jackson.databind.JsonNode;
import model.Json;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent reader, {@code tools/parquet-check/check.mjs} (DuckDB from npm), in a
 * child {@code node} process. Needs {@code npm ci --prefix tools/parquet-check} once.
 */
public final class DuckDbCheck {

    private DuckDbCheck() {
    }

    /** The project directory: Failsafe passes it; Surefire and exec:java run from it. */
    public static Path projectDir() {
        return Path.of(System.getProperty("ccx.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path toolDir() {
        return projectDir().resolve("tools/parquet-check");
    }

    /** Whether a {@code node} executable is on the PATH. */
    public static boolean nodeAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "node"))) {
                return true;
            }
        }
        return false;
    }

    /** Fails with the command to run when the tool's dependencies are not installed. */
    public static void requireInstalled() {
        if (!Files.isDirectory(toolDir().resolve("node_modules/@duckdb/node-api"))) {
            throw new IllegalStateException("DuckDB reader not installed: run `npm ci --prefix tools/parquet-check` in "
                    + projectDir());
        }
    }

    /** {@code check.mjs FILE [--rows]}: schema, DuckDB types, footer types, row count (and rows). */
    public static JsonNode describe(Path parquet, boolean withRows) throws IOException {
        List<String> args = new ArrayList<>(List.of(parquet.toAbsolutePath().toString()));
        if (withRows) {
            args.add("--rows");
        }
        return run(args);
    }

    /** {@code check.mjs --convert IN.jsonl OUT.parquet}: DuckDB's own JSON-lines-to-Parquet. */
    public static JsonNode convert(Path jsonLines, Path parquet) throws IOException {
        return run(List.of("--convert", jsonLines.toAbsolutePath().toString(), parquet.toAbsolutePath().toString()));
    }

    private static JsonNode run(List<String> args) throws IOException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("node", toolDir().resolve("check.mjs").toString()));
        command.addAll(args);
        Path err = Files.createTempFile("parquet-check-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("check.mjs timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("check.mjs failed (" + process.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Json.mapper().readTree(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
