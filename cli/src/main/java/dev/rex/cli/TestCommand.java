package dev.rex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rex test}: the whole suite. The {@code ./rex} launcher runs it itself (the CLI may not be built yet, and
 * the suite builds it); this verb documents it in {@code rex --help} and does the same when the CLI is run directly.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run every test of every module (mvn -B install, what CI runs) and print a one-screen summary.",
                "Tests' own output (including the errors that tests provoke on purpose) goes to "
                        + "<module>/target/surefire-reports/<class>-output.txt, not to the console. At the end a table "
                        + "gives tests run, failed and skipped per module, then the reasons of skipped tests and the "
                        + "failures with where to read more. The exit status is Maven's.",
                "Extra arguments go to Maven, e.g. './rex test -pl cli -am' or './rex test -Dtest=StackTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false'."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MAVEN-ARG", description = "passed to mvn after 'install'")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path root = UpCommand.repositoryRoot();
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "install"));
        cmd.addAll(mavenArgs);
        long since = System.currentTimeMillis();
        int status = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start().waitFor();
        TestReports.print(root, since, System.out);
        return status;
    }
}
