package dev.rex.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against fake engines on unix sockets: only a real 200 answer to /_ping counts. */
class DockerProbeTest {

    @TempDir
    Path tmp;

    @Test
    void engineAnsweringPingCounts() throws Exception {
        Path sock = tmp.resolve("ok.sock");
        try (FakeEngine engine = new FakeEngine(sock, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")) {
            assertTrue(DockerProbe.answers(Map.of("DOCKER_HOST", "unix://" + sock)));
            assertTrue(engine.request.startsWith("GET /_ping "), engine.request);
        }
    }

    @Test
    void errorAnswerStaleSocketAndMissingSocketDoNotCount() throws Exception {
        Path sock = tmp.resolve("err.sock");
        try (FakeEngine ignored = new FakeEngine(sock, "HTTP/1.1 500 Internal Server Error\r\n\r\n")) {
            assertFalse(DockerProbe.answers(Map.of("DOCKER_HOST", "unix://" + sock)));
        }
        // the listener is gone but the socket file may stay behind: connecting fails, so no engine
        assertFalse(DockerProbe.answers(Map.of("DOCKER_HOST", "unix://" + sock)));
        assertFalse(DockerProbe.answers(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock"))));
        assertFalse(DockerProbe.answers(Map.of("DOCKER_HOST", "ssh://somewhere")));
    }

    @Test
    void dockerHostReplacesTheDefaultSockets() {
        assertEquals(List.of("tcp://127.0.0.1:2375"), DockerProbe.candidates(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")));
        List<String> defaults = DockerProbe.candidates(Map.of("HOME", "/home/u", "XDG_RUNTIME_DIR", "/run/user/1"));
        assertEquals(List.of("unix:///var/run/docker.sock", "unix:///run/user/1/docker.sock",
                "unix:///home/u/.docker/run/docker.sock"), defaults);
    }

    /** Accepts one connection, records the request line, writes a canned answer. */
    private static final class FakeEngine implements AutoCloseable {
        final ServerSocketChannel server;
        final Thread thread;
        volatile String request = "";

        FakeEngine(Path sock, String answer) throws IOException {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(sock));
            thread = new Thread(() -> {
                try (SocketChannel ch = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(512);
                    ch.read(buf);
                    request = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                    ch.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            thread.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(2000);
        }
    }
}
