package dev.rex.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the stack's embedded servers keep what must survive their crash: the broker's and the database's data
 * directories ({@code <run>/tmp/kafka-data}, {@code <run>/tmp/postgres-data}, removed with {@code tmp/} on a clean
 * stop) and their ports, chosen free once and written to {@code <run>/infra.properties} so that a restarted server
 * (by {@code rex up}, or by hand from the same command line) listens where the services expect it.
 */
final class StackInfraState {
    /** A server's ports: its client port, and the controller port for the broker (0 for the database). */
    record Ports(int main, int second) {
    }

    private final Path runDir;
    private final Path file;
    private final Properties values = new Properties();

    StackInfraState(Path runDir) {
        this.runDir = runDir;
        this.file = runDir.resolve("infra.properties");
    }

    Path kafkaDir() {
        return runDir.resolve("tmp").resolve("kafka-data");
    }

    Path postgresDir() {
        return runDir.resolve("tmp").resolve("postgres-data");
    }

    synchronized Ports kafkaPorts() {
        return new Ports(port("kafka.port"), port("kafka.controller-port"));
    }

    synchronized int postgresPort() {
        return port("postgres.port");
    }

    /** The port recorded under {@code key}, or a free one, recorded now. */
    private int port(String key) {
        load();
        String known = values.getProperty(key);
        if (known != null) {
            return Integer.parseInt(known);
        }
        int port = freePort();
        values.setProperty(key, Integer.toString(port));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(w, "ports of the embedded servers of this run (reused when one is restarted)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return port;
    }

    private void load() {
        if (values.isEmpty() && Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
