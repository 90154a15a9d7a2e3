package dev.rex.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Kafka's lz4 codec asks lz4-java for its fastest implementation on every record batch, and lz4-java answers with
 * its JNI one only if the native library is already loaded or lz4-java itself sits on the system class loader. In a
 * Quarkus application neither holds, so every batch was compressed and decompressed in safe Java: more than half
 * of the preprocessing service's CPU during an ingest (JFR). Loading the library once at startup makes the codec
 * pick it from then on. Where it cannot load (a platform lz4-java ships no library for, or a second application in
 * the same JVM, as in tests) the codec stays on Java, which is correct, only slower.
 * <p>
 * {@code nativeInstance()} of lz4-java 1.10 is the hardened one: its decompressors check bounds, and Kafka uses the
 * safe decompressor in any case.
 */
@ApplicationScoped
public class NativeLz4 {
    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    void onStart(@Observes @Priority(1) StartupEvent ev) {
        LOG.debugf("lz4 for Kafka record batches: %s", load());
    }

    /** Loads the JNI implementation if it can; returns the implementation Kafka's codec now gets. */
    public static String load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable notHere) { // UnsatisfiedLinkError, or the library taken by another class loader
            LOG.debugf("lz4 JNI library not loaded, record batches are compressed in Java: %s", notHere);
        }
        return LZ4Factory.fastestInstance().toString();
    }
}
