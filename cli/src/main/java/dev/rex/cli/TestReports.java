package dev.rex.cli;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The one-screen summary of a test run, read from every module's {@code target/surefire-reports/TEST-*.xml} (and
 * failsafe's): tests, failures, errors and skips per module, the reasons of skipped tests grouped, and each failure
 * with the file holding its output. JDK only, so that {@code ./rex test} can run it from source
 * ({@code java TestReports.java ROOT SINCE-MILLIS}) even when the build itself failed.
 */
public final class TestReports {

    private static final int MAX_LISTED = 12;

    record Suite(String module, String name, int tests, int failures, int errors, int skipped, double seconds,
                 List<String> skipReasons, List<String> failed) {
    }

    private TestReports() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long since = args.length > 1 ? Long.parseLong(args[1]) : 0;
        print(root, since, System.out);
    }

    /** Prints the summary of the reports written at or after {@code sinceMillis} (older ones are another run's). */
    public static void print(Path root, long sinceMillis, PrintStream out) throws IOException {
        List<Suite> suites = read(root, sinceMillis);
        out.println();
        out.println("rex test: summary (from target/surefire-reports of each module)");
        if (suites.isEmpty()) {
            out.println("  no test reports written by this run (did the build stop before the tests? see above)");
            return;
        }
        Map<String, int[]> perModule = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        Map<String, List<String>> skipsByReason = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Suite s : suites) {
            int[] c = perModule.computeIfAbsent(s.module(), k -> new int[4]);
            c[0] += s.tests();
            c[1] += s.failures();
            c[2] += s.errors();
            c[3] += s.skipped();
            seconds.merge(s.module(), s.seconds(), Double::sum);
            for (String r : s.skipReasons()) {
                int bar = r.indexOf('\u0000');
                skipsByReason.computeIfAbsent(s.module() + ": " + r.substring(bar + 1), k -> new ArrayList<>())
                        .add(r.substring(0, bar));
            }
            s.failed().forEach(f -> failures.add(s.module() + ": " + f));
        }
        String format = "  %-32s %6s %6s %6s %7s %8s%n";
        out.printf(Locale.ROOT, format, "module", "tests", "failed", "errors", "skipped", "time");
        int[] total = new int[4];
        double totalSeconds = 0;
        for (var e : perModule.entrySet()) {
            int[] c = e.getValue();
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
            totalSeconds += seconds.get(e.getKey());
            out.printf(Locale.ROOT, format, e.getKey(), c[0], c[1], c[2], c[3],
                    String.format(Locale.ROOT, "%.0f s", seconds.get(e.getKey())));
        }
        out.printf(Locale.ROOT, format, "total", total[0], total[1], total[2], total[3],
                String.format(Locale.ROOT, "%.0f s", totalSeconds));
        if (!skipsByReason.isEmpty()) {
            out.println("skipped, by reason:");
            skipsByReason.entrySet().stream().limit(MAX_LISTED).forEach(e -> out.println("  " + e.getKey() + " ("
                    + e.getValue().size() + ": " + abbreviate(String.join(", ", e.getValue()), 100) + ")"));
            if (skipsByReason.size() > MAX_LISTED) {
                out.println("  ... " + (skipsByReason.size() - MAX_LISTED) + " more reasons in the XML reports");
            }
        }
        if (!failures.isEmpty()) {
            out.println("failed:");
            failures.stream().limit(MAX_LISTED).forEach(f -> out.println("  " + f));
            if (failures.size() > MAX_LISTED) {
                out.println("  ... " + (failures.size() - MAX_LISTED) + " more in the reports");
            }
        }
    }

    static List<Suite> read(Path root, long sinceMillis) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 6)) {
            files = walk.filter(p -> {
                String f = p.getFileName().toString();
                String dir = p.getParent() == null ? "" : p.getParent().getFileName().toString();
                return f.startsWith("TEST-") && f.endsWith(".xml")
                        && (dir.equals("surefire-reports") || dir.equals("failsafe-reports"))
                        && !p.toString().contains("/node_modules/") && !p.toString().contains("/.git/");
            }).sorted().toList();
        }
        List<Suite> suites = new ArrayList<>();
        for (Path f : files) {
            if (Files.getLastModifiedTime(f).toMillis() + 1000 < sinceMillis) {
                continue;
            }
            Path reports = f.getParent();
            Path moduleDir = reports.getParent().getParent(); // <module>/target/surefire-reports
            String module = root.equals(moduleDir) ? "." : root.relativize(moduleDir).toString();
            try {
                suites.add(parse(module, f));
            } catch (Exception e) {
                suites.add(new Suite(module, f.getFileName().toString(), 0, 0, 1, 0, 0, List.of(),
                        List.of(f.getFileName() + " unreadable: " + e.getMessage())));
            }
        }
        return suites;
    }

    private static Suite parse(String module, Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        List<String> skips = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        String reportsDir = module + "/" + xml.getParent().getParent().getFileName() + "/"
                + xml.getParent().getFileName() + "/";
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String name = simple(c.getAttribute("classname")) + "." + c.getAttribute("name");
            Element skipped = first(c, "skipped");
            if (skipped != null) {
                String reason = skipped.getAttribute("message");
                skips.add(name + '\u0000' + (reason.isBlank() ? "(no reason given)" : oneLine(reason)));
            }
            for (String kind : List.of("failure", "error")) {
                Element f = first(c, kind);
                if (f != null) {
                    String msg = f.getAttribute("message");
                    failed.add(name + " — " + abbreviate(oneLine(msg.isBlank() ? f.getAttribute("type") : msg), 110)
                            + " (output: " + reportsDir + c.getAttribute("classname") + "-output.txt)");
                }
            }
        }
        return new Suite(module, suite.getAttribute("name"), num(suite, "tests"), num(suite, "failures"),
                num(suite, "errors"), num(suite, "skipped"), dbl(suite, "time"), skips, failed);
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static int num(Element e, String attr) {
        String v = e.getAttribute(attr);
        return v.isBlank() ? 0 : Integer.parseInt(v.trim());
    }

    private static double dbl(Element e, String attr) {
        String v = e.getAttribute(attr).replace(",", "");
        return v.isBlank() ? 0 : Double.parseDouble(v.trim());
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String oneLine(String s) {
        String first = s.strip().lines().findFirst().orElse("");
        return first.replaceAll("\\s+", " ");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
