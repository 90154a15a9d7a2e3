package dev.rex.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, asked of the kernel (port 0) rather than guessed. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free right now; there is a short race until the caller binds it, acceptable for local servers. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback interface", e);
        }
    }
}
