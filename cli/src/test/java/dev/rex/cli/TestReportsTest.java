package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary {@code ./rex test} prints from the modules' surefire reports. */
class TestReportsTest {

    @TempDir
    Path root;

    private void report(String module, String file, String xml) throws Exception {
        Path dir = root.resolve(module).resolve("target/surefire-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), xml);
    }

    @Test
    void countsPerModuleSkipReasonsAndFailures() throws Exception {
        report("libs/rex-gqa", "TEST-dev.rex.gqa.ATest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.rex.gqa.ATest" time="1.5" tests="3" errors="0" skipped="2" failures="0">
                  <testcase name="one" classname="dev.rex.gqa.ATest" time="0.1"/>
                  <testcase name="two" classname="dev.rex.gqa.ATest" time="0.1">
                    <skipped message="skipped: ../shared/fixtures is absent"/>
                  </testcase>
                  <testcase name="three" classname="dev.rex.gqa.ATest" time="0.1">
                    <skipped message="skipped: ../shared/fixtures is absent"/>
                  </testcase>
                </testsuite>""");
        report("cli", "TEST-dev.rex.cli.BTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.rex.cli.BTest" time="2.0" tests="2" errors="0" skipped="0" failures="1">
                  <testcase name="ok" classname="dev.rex.cli.BTest" time="0.1"/>
                  <testcase name="bad" classname="dev.rex.cli.BTest" time="0.1">
                    <failure message="expected: &lt;2&gt; but was: &lt;0&gt;" type="AssertionFailedError">trace</failure>
                  </testcase>
                </testsuite>""");
        report("old-module", "TEST-dev.rex.OldTest.xml", """
                <testsuite name="dev.rex.OldTest" time="1" tests="9" errors="0" skipped="0" failures="9"/>""");
        Path old = root.resolve("old-module/target/surefire-reports/TEST-dev.rex.OldTest.xml");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestReports.print(root, System.currentTimeMillis() - 60_000, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+libs/rex-gqa\\s+3\\s+0\\s+0\\s+2\\s+2 s")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+cli\\s+2\\s+1\\s+0\\s+0\\s+2 s")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+total\\s+5\\s+1\\s+0\\s+2\\s+4 s")), out);
        assertTrue(out.contains("libs/rex-gqa: skipped: ../shared/fixtures is absent (2: ATest.two, ATest.three)"),
                out);
        assertTrue(out.contains("cli: BTest.bad — expected: <2> but was: <0> (output: cli/target/surefire-reports/"
                + "dev.rex.cli.BTest-output.txt)"), out);
        assertFalse(out.contains("old-module"), "another run's report is not this run's:\n" + out);
        assertTrue(out.lines().count() < 25, "one screen:\n" + out);
    }

    @Test
    void saysSoWhenNoTestRan() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestReports.print(root, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no test reports"));
        assertEquals(0, TestReports.read(root, 0).size());
    }
}
