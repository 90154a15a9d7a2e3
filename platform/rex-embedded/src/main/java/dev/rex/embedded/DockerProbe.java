package dev.rex.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks whether a Docker engine really answers: sends {@code GET /_ping} to the engine's socket and expects
 * {@code 200}. A docker CLI on the PATH or a stale socket file is not enough (these machines have the CLI and
 * no engine), so nothing short of an answer counts.
 */
public final class DockerProbe {

    private static final long TIMEOUT_MS = 2000;

    private DockerProbe() {
    }

    /** The engine addresses to try, in order: {@code DOCKER_HOST} alone if set, else the usual sockets. */
    static List<String> candidates(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return List.of(host.trim());
        }
        List<String> out = new ArrayList<>();
        out.add("unix:///var/run/docker.sock");
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            out.add("unix://" + runtime + "/docker.sock"); // rootless Docker
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            out.add("unix://" + home + "/.docker/run/docker.sock"); // Docker Desktop
        }
        return out;
    }

    /** True when one of the candidate engines answers its ping within two seconds. */
    public static boolean answers(Map<String, String> env) {
        for (String address : candidates(env)) {
            if (ping(address)) {
                return true;
            }
        }
        return false;
    }

    /** Pings one engine address ({@code unix:///path} or {@code tcp://host:port}); false on any failure. */
    static boolean ping(String address) {
        SocketAddress target;
        StandardProtocolFamily family;
        try {
            URI uri = URI.create(address);
            if ("unix".equals(uri.getScheme())) {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket)) {
                    return false;
                }
                target = UnixDomainSocketAddress.of(socket);
                family = StandardProtocolFamily.UNIX;
            } else if ("tcp".equals(uri.getScheme()) && uri.getHost() != null) {
                target = new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
                family = StandardProtocolFamily.INET;
            } else {
                return false;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        SocketAddress finalTarget = target;
        SocketChannel[] open = new SocketChannel[1];
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel ch = SocketChannel.open(family)) {
                open[0] = ch;
                ch.connect(finalTarget);
                ch.write(ByteBuffer.wrap(("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buf = ByteBuffer.allocate(256);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    String head = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                    if (head.contains("\r\n")) {
                        return head.matches("(?s)HTTP/1\\.[01] 200 .*");
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return answer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            SocketChannel ch = open[0];
            if (ch != null) {
                try {
                    ch.close(); // unblocks the reader thread
                } catch (IOException ignored) {
                    // already closed
                }
            }
            return false;
        }
    }
}
