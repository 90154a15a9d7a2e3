package dev.rex.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The CLI's logging: SLF4J goes to slf4j-simple on stderr, java.util.logging (the PostgreSQL driver) to the JDK's
 * console handler. Quiet by default (errors only, so answers are not buried under library chatter);
 * {@code --verbose} shows the libraries' info lines and stack traces of unexpected errors. Must run before the first
 * logger is created: slf4j-simple reads its settings once.
 */
final class CliLogging {

    static final String VERBOSE = "--verbose";
    private static volatile boolean verbose;

    private CliLogging() {
    }

    static void configure(List<String> args) {
        configure(args.contains(VERBOSE));
    }

    static void configure(boolean on) {
        verbose = on;
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", on ? "info" : "error");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showDateTime", on ? "true" : "false");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        Logger root = LogManager.getLogManager().getLogger("");
        if (root != null) {
            Level level = on ? Level.INFO : Level.SEVERE;
            root.setLevel(level);
            for (var h : root.getHandlers()) {
                h.setLevel(level);
            }
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) { // a -D on the command line wins
            System.setProperty(key, value);
        }
    }

    static boolean verbose() {
        return verbose;
    }
}
