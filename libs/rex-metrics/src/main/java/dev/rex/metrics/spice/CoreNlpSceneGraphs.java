package dev.rex.metrics.spice;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * SPICE 1.0's tuples of a caption, in two isolated class loaders: CoreNLP 3.6.0 — the release SPICE 1.0 runs —
 * parses (tokenize, ssplit, parse, lemma: its PCFG parser and models, collapsed CC-processed Universal Dependencies
 * v1), and SPICE 1.0's rules ({@code rex-spice-rules}) read the tuples off those graphs beside CoreNLP 4.5.10, whose
 * {@code edu.stanford.nlp.scenegraph} enhancer carries on SceneGraphParser 1.0's (not on Maven Central). The graphs
 * cross between the two loaders as plain text lines. SPICE 1.0 also runs NER, which changes no dependency, so it is
 * left out here. Thread-safe.
 */
final class CoreNlpSceneGraphs {

    private final URLClassLoader parserLoader;
    private final Object pipeline;
    private final Constructor<?> annotation;
    private final Class<?> sentencesKey;
    private final Class<?> dependenciesKey;
    private final URLClassLoader rulesLoader;
    private final Method rules;

    private CoreNlpSceneGraphs(URLClassLoader parserLoader, URLClassLoader rulesLoader)
            throws ReflectiveOperationException {
        this.parserLoader = parserLoader;
        this.rulesLoader = rulesLoader;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(parserLoader);
        try {
            silenceLogging(parserLoader);
            Properties props = new Properties();
            props.setProperty("annotators", "tokenize,ssplit,parse,lemma");
            pipeline = parserLoader.loadClass("edu.stanford.nlp.pipeline.StanfordCoreNLP")
                    .getConstructor(Properties.class).newInstance(props);
            annotation = parserLoader.loadClass("edu.stanford.nlp.pipeline.Annotation").getConstructor(String.class);
            sentencesKey = parserLoader.loadClass("edu.stanford.nlp.ling.CoreAnnotations$SentencesAnnotation");
            dependenciesKey = parserLoader.loadClass(
                    "edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations$CollapsedCCProcessedDependenciesAnnotation");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        Thread.currentThread().setContextClassLoader(rulesLoader);
        try {
            silenceLogging(rulesLoader);
            rules = rulesLoader.loadClass("dev.rex.metrics.spice.rules.SpiceRules").getMethod("tuples", List.class);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Loads CoreNLP 3.6.0 with its parser model and the rules beside CoreNLP 4.5 (about 10-20 s). */
    static CoreNlpSceneGraphs load() {
        URLClassLoader parser = SpiceClassPath.isolatedLoader(SpiceClassPath.PARSER);
        URLClassLoader rules = SpiceClassPath.isolatedLoader(SpiceClassPath.RULES);
        try {
            return new CoreNlpSceneGraphs(parser, rules);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SPICE's CoreNLP 3.6.0 parser could not be loaded: " + e, e);
        }
    }

    private static void silenceLogging(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> config = loader.loadClass("edu.stanford.nlp.util.logging.RedwoodConfiguration");
        Object current = Reflect.callStatic(config, "current");
        Reflect.call(Reflect.call(current, "clear"), "apply");
    }

    /** The SPICE tuples of one caption (all its sentences merged). */
    SpiceTuples tuples(String caption) {
        SpiceTuples out = new SpiceTuples();
        if (caption.isBlank()) {
            return out;
        }
        List<List<String>> graphs = graphs(caption);
        List<?> found;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(rulesLoader);
        try {
            found = (List<?>) rules.invoke(null, graphs);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SPICE rules failed on \"" + caption + "\": " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        for (Object t : found) {
            List<?> tuple = (List<?>) t;
            String first = (String) tuple.get(0);
            out.object(first);
            if (tuple.size() == 2) {
                out.attribute(first, (String) tuple.get(1));
            } else if (tuple.size() == 3) {
                // SPICE's relation tuples come as [subject, object, predicate]
                out.object((String) tuple.get(1));
                out.relation(first, (String) tuple.get(2), (String) tuple.get(1));
            }
        }
        return out;
    }

    /** CoreNLP 3.6.0's dependency graph of each sentence as lines: {@code T}oken, {@code E}dge, {@code R}oot. */
    private List<List<String>> graphs(String caption) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(parserLoader);
        try {
            Object ann = annotation.newInstance(caption);
            Reflect.call(pipeline, "annotate", ann);
            List<List<String>> out = new ArrayList<>();
            List<?> sentences = (List<?>) Reflect.call(ann, "get", sentencesKey);
            if (sentences == null) {
                return out;
            }
            for (Object sentence : sentences) {
                Object graph = Reflect.call(sentence, "get", dependenciesKey);
                List<String> lines = new ArrayList<>();
                if (graph != null) {
                    for (Object w : (Iterable<?>) Reflect.call(graph, "vertexListSorted")) {
                        lines.add("T\t" + Reflect.call(w, "index") + "\t" + Reflect.call(w, "word") + "\t"
                                + Reflect.call(w, "lemma") + "\t" + Reflect.call(w, "tag"));
                    }
                    for (Object e : (Iterable<?>) Reflect.call(graph, "edgeListSorted")) {
                        lines.add("E\t" + Reflect.call(Reflect.call(e, "getGovernor"), "index") + "\t"
                                + Reflect.call(Reflect.call(e, "getDependent"), "index") + "\t"
                                + Reflect.call(e, "getRelation"));
                    }
                    for (Object r : (Iterable<?>) Reflect.call(graph, "getRoots")) {
                        lines.add("R\t" + Reflect.call(r, "index"));
                    }
                }
                out.add(lines);
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CoreNLP 3.6.0 failed on \"" + caption + "\": " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
