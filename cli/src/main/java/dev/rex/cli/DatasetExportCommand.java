package dev.rex.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.dict.Dictionaries;
import dev.rex.gqa.io.QidJsonWriter;
import dev.rex.gqa.post.CorpusVocabulary;
import dev.rex.gqa.semantics.AbstractStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rex dataset export --from-db --out DIR}: the GQA-REX records the explanation service stored, written as
 * the same files {@code rex dataset build} writes (rex-gqa's writer and dictionaries; the rows are read here, the
 * library knows no SQL). Rows are taken per split in arrival order, which is GQA file order when a split was
 * imported in one stream over one partition: the corpus vocabularies and dictionaries then come out in the same
 * first-appearance order as the batch build. Rejections are written as the build writes them: those of the
 * input/semantics/program stages first, then those of post-processing/grounding.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the explanation service's GQA-REX records as the files of 'rex dataset build'.",
                "Export the GQA-REX records stored by the explanation service as the files of "
                + "'rex dataset build' (per split simplified_semantics_, raw_explanation_, processed_explanation_, "
                + "grounded_explanation_, converted_explanation_, rejected_{split}.json; exp2idx.json, ans2idx.json, "
                + "vocabulary.json)."})
public final class DatasetExportCommand implements Callable<Integer> {
    private static final Set<String> EARLY_STAGES = Set.of("input", "semantics", "program");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--from-db", required = true,
            description = "read the explanation service's database (the only source for now)")
    boolean fromDb;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created)")
    Path out;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "the explanation service's database (default: $QUARKUS_DATASOURCE_JDBC_URL, e.g. "
                    + "jdbc:postgresql://localhost:5432/rex_explanation)")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME",
            description = "database user (default: $QUARKUS_DATASOURCE_USERNAME, else postgres)")
    String user;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "database password (default: $QUARKUS_DATASOURCE_PASSWORD, else postgres)")
    String password;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "explanation",
            description = "the service's schema (default: explanation)")
    String schema;

    @Option(names = "--splits", split = ",", paramLabel = "SPLIT[,SPLIT...]",
            description = "splits in corpus order (default: every stored split, in the order they arrived)")
    List<String> splits;

    @Override
    public Integer call() throws Exception {
        String url = jdbcUrl != null ? jdbcUrl : System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no database: give --jdbc-url jdbc:postgresql://HOST:PORT/rex_explanation "
                    + "or set QUARKUS_DATASOURCE_JDBC_URL");
        }
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--schema must be a plain lower-case identifier, was '" + schema + "'");
        }
        String u = user != null ? user : env("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String p = password != null ? password : env("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        Files.createDirectories(out);
        try (Connection c = connect(url, u, p)) {
            List<String> order = splits != null ? splits : storedSplits(c);
            if (order.isEmpty()) {
                throw new IllegalArgumentException("the database " + url + " holds no GQA-REX records yet (import "
                        + "questions through the preprocessing service first)");
            }
            Export export = new Export();
            for (String split : order) export.split(c, split);
            export.finish();
            System.out.printf("exported %d records of %s to %s (%d explained, %d rejected, %d dropped)%n",
                    export.rows, order, out, export.explained, export.rejected, export.dropped);
        }
        return 0;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Connection connect(String url, String user, String password) {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false); // PostgreSQL streams rows with a fetch size only inside a transaction
            return c;
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot connect to " + url + " as " + user + ": " + e.getMessage()
                    + " (check --jdbc-url, --user, --password)");
        }
    }

    private List<String> storedSplits(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT split FROM " + schema
                + ".explanations GROUP BY split ORDER BY min(seq)"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalArgumentException("no GQA-REX table " + schema + ".explanations in that database ("
                    + e.getMessage() + "): is it the explanation service's database?");
        }
        return out;
    }

    /** The corpus-level state across splits, as the batch build keeps it. */
    private final class Export {
        final CorpusVocabulary post = new CorpusVocabulary();
        final CorpusVocabulary fin = new CorpusVocabulary();
        final Dictionaries dictionaries = new Dictionaries();
        long rows;
        long explained;
        long rejected;
        long dropped;

        void split(Connection c, String split) throws SQLException, IOException {
            List<String[]> late = new ArrayList<>();
            try (QidJsonWriter semantics = writer("simplified_semantics_", split);
                 QidJsonWriter raw = writer("raw_explanation_", split);
                 QidJsonWriter processed = writer("processed_explanation_", split);
                 QidJsonWriter grounded = writer("grounded_explanation_", split);
                 QidJsonWriter converted = writer("converted_explanation_", split);
                 QidJsonWriter rejections = writer("rejected_", split);
                 PreparedStatement st = c.prepareStatement("SELECT qid, answer, status, semantics::text, "
                         + "raw_explanation, processed_explanation, grounded_explanation, converted_explanation, "
                         + "rejection_stage, rejection_code, rejection_detail FROM " + schema
                         + ".explanations WHERE split = ? ORDER BY seq")) {
                st.setFetchSize(2000);
                st.setString(1, split);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        String qid = rs.getString(1);
                        String status = rs.getString(3);
                        if (rs.getString(4) != null) semantics.program(qid, steps(rs.getString(4)));
                        String r = rs.getString(5);
                        if (r != null) {
                            raw.string(qid, r);
                            post.addPostProcessingText(r);
                        }
                        if (rs.getString(6) != null) processed.string(qid, rs.getString(6));
                        String g = rs.getString(7);
                        if (g != null) {
                            grounded.string(qid, g);
                            fin.addFinalizingText(g);
                        }
                        String x = rs.getString(8);
                        if (x != null) {
                            converted.string(qid, x);
                            dictionaries.add(x, rs.getString(2));
                            explained++;
                        }
                        if ("REJECTED".equals(status)) {
                            rejected++;
                            String[] rec = {qid, rs.getString(9), rs.getString(10), rs.getString(11)};
                            if (EARLY_STAGES.contains(rec[1])) reject(rejections, rec);
                            else late.add(rec);
                        } else if ("DROPPED".equals(status)) {
                            dropped++;
                        }
                    }
                }
                for (String[] rec : late) reject(rejections, rec);
            }
        }

        void finish() {
            try (QidJsonWriter w = new QidJsonWriter(out.resolve("exp2idx.json"))) {
                dictionaries.exp2idx().forEach(w::integer);
            }
            try (QidJsonWriter w = new QidJsonWriter(out.resolve("ans2idx.json"))) {
                dictionaries.ans2idx().forEach(w::integer);
            }
            try (QidJsonWriter w = new QidJsonWriter(out.resolve("vocabulary.json"))) {
                w.strings("post_processing", post.words());
                w.strings("finalizing", fin.words());
            }
        }
    }

    private QidJsonWriter writer(String prefix, String split) {
        return new QidJsonWriter(out.resolve(prefix + split + ".json"));
    }

    private static void reject(QidJsonWriter w, String[] rec) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stage", rec[1]);
        fields.put("code", rec[2]);
        fields.put("detail", rec[3]);
        w.object(rec[0], fields);
    }

    private static List<AbstractStep> steps(String json) throws IOException {
        return JSON.readValue(json, new TypeReference<List<AbstractStep>>() { });
    }
}
