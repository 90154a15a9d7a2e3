package dev.rex.metrics.spice;

import java.lang.reflect.Constructor;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Scene graphs of captions from CoreNLP 4.5.10's rule-based scene-graph parser ({@code edu.stanford.nlp.scenegraph},
 * loaded in an isolated class loader), turned into SPICE 1.0's tuples. SPICE 1.0 ran the same parser's 1.0
 * release on CoreNLP 3.6.0, which is not on Maven Central; four adaptations bring 4.5's output closer to it:
 * <ul>
 *   <li>GQA-REX region markers {@code #} and {@code @} are dropped before parsing: 3.6.0 tagged them as symbols,
 *       4.5 tags {@code #} as a noun, which would make every region marker an object;</li>
 *   <li>{@code obl:<prep>} dependencies (Universal Dependencies v2) are renamed {@code nmod:<prep>} (v1, as 3.6.0
 *       produced), so the parser appends the preposition to the relation ("surf on", not "surf");</li>
 *   <li>every noun that heads an argument, modifier or compound (SPICE 1.0's entity rule, written for UD v2
 *       names) is an object even without attributes or relations; so is a noun fixed inside a multi-word
 *       preposition ("front" of "in front of", "top" of "on top of"), a nominal head in UD v1;</li>
 *   <li>a compound name keeps its head word as the object and its modifiers as attributes, and numeric
 *       modifiers become attributes ("two dogs": {@code (dog, two)}).</li>
 * </ul>
 * Annotators: tokenize, ssplit, parse, lemma (no NER: the scene-graph rules do not use it). Thread-safe.
 */
final class CoreNlpSceneGraphs {

    private static final String ENTITY_RULE = "{tag:/NN.*/}=entity [ </^(nsubj(:pass)?|i?obj|nmod.*|obl.*|acl|advcl"
            + "|[xc]comp|conj.*|compound|fixed)$/ {} | == {$}]";
    private static final Pattern REGION_MARKER = Pattern.compile("(?<=^|\\s)[#@](?=\\s|$)");

    private final URLClassLoader loader;
    private final Object pipeline;
    private final Object sceneParser;
    private final Constructor<?> annotation;
    private final Class<?> sentencesKey;
    private final Class<?> dependenciesKey;
    private final Class<?> relations;
    private final Object entityRule;

    private CoreNlpSceneGraphs(URLClassLoader loader) throws ReflectiveOperationException {
        this.loader = loader;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            silenceLogging();
            Properties props = new Properties();
            props.setProperty("annotators", "tokenize,ssplit,parse,lemma");
            props.setProperty("depparse.extradependencies", "MAXIMAL");
            pipeline = loader.loadClass("edu.stanford.nlp.pipeline.StanfordCoreNLP")
                    .getConstructor(Properties.class).newInstance(props);
            sceneParser = loader.loadClass("edu.stanford.nlp.scenegraph.RuleBasedParser")
                    .getConstructor().newInstance();
            annotation = loader.loadClass("edu.stanford.nlp.pipeline.Annotation").getConstructor(String.class);
            sentencesKey = loader.loadClass("edu.stanford.nlp.ling.CoreAnnotations$SentencesAnnotation");
            dependenciesKey = loader.loadClass(
                    "edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations$CollapsedCCProcessedDependenciesAnnotation");
            relations = loader.loadClass("edu.stanford.nlp.trees.UniversalEnglishGrammaticalRelations");
            entityRule = Reflect.callStatic(loader.loadClass("edu.stanford.nlp.semgraph.semgrex.SemgrexPattern"),
                    "compile", ENTITY_RULE);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Loads CoreNLP 4.5 and its parser models (15-25 s; about 250 MB of heap stay in use). */
    static CoreNlpSceneGraphs load() {
        URLClassLoader loader = SpiceClassPath.isolatedLoader();
        try {
            return new CoreNlpSceneGraphs(loader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CoreNLP 4.5 scene-graph parser could not be loaded: " + e, e);
        }
    }

    private void silenceLogging() throws ReflectiveOperationException {
        Class<?> config = loader.loadClass("edu.stanford.nlp.util.logging.RedwoodConfiguration");
        Object current = Reflect.callStatic(config, "current");
        Reflect.call(Reflect.call(current, "clear"), "apply");
    }

    /** The SPICE tuples of one caption (all its sentences merged). */
    SpiceTuples tuples(String caption) {
        SpiceTuples out = new SpiceTuples();
        String text = REGION_MARKER.matcher(caption).replaceAll(" ").trim();
        if (text.isEmpty()) {
            return out;
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Object ann = annotation.newInstance(text);
            Reflect.call(pipeline, "annotate", ann);
            List<?> sentences = (List<?>) Reflect.call(ann, "get", sentencesKey);
            if (sentences != null) {
                for (Object sentence : sentences) {
                    Object graph = Reflect.call(sentence, "get", dependenciesKey);
                    if (graph != null) {
                        sentenceTuples(graph, out);
                    }
                }
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CoreNLP 4.5 failed on \"" + caption + "\": " + e, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private void sentenceTuples(Object graph, SpiceTuples out) {
        renameOblToNmod(graph);
        Object scene = Reflect.call(sceneParser, "parse", graph);
        Object enhanced = Reflect.field(scene, "sg");
        Map<Integer, String> nameByIndex = new HashMap<>();
        for (Object node : (List<?>) Reflect.call(scene, "nodeListSorted")) {
            String name = objectName(node, out);
            nameByIndex.put(index(Reflect.call(node, "value")), name);
            for (Object attribute : (Iterable<?>) Reflect.call(node, "getAttributes")) {
                out.attribute(name, attribute.toString());
            }
        }
        for (Object reln : (List<?>) Reflect.call(scene, "relationListSorted")) {
            String source = nameOf(Reflect.call(reln, "getSource"), nameByIndex);
            String target = nameOf(Reflect.call(reln, "getTarget"), nameByIndex);
            out.relation(source, (String) Reflect.call(reln, "getRelation"), target);
        }
        Object matcher = Reflect.call(entityRule, "matcher", enhanced);
        while ((Boolean) Reflect.call(matcher, "findNextMatchingNode")) {
            Object word = Reflect.call(matcher, "getNode", "entity");
            String lemma = (String) Reflect.call(word, "lemma");
            out.object(lemma);
            nameByIndex.putIfAbsent(index(word), lemma);
        }
        for (Object edge : (List<?>) Reflect.call(enhanced, "edgeListSorted")) {
            String rel = Reflect.call(edge, "getRelation").toString();
            if (rel.equals("nummod") || rel.equals("qmod")) {
                String object = nameByIndex.get(index(Reflect.call(edge, "getGovernor")));
                if (object != null) {
                    out.attribute(object, (String) Reflect.call(Reflect.call(edge, "getDependent"), "word"));
                }
            }
        }
    }

    private void renameOblToNmod(Object graph) {
        for (Object edge : (List<?>) Reflect.call(graph, "edgeListSorted")) {
            String rel = Reflect.call(edge, "getRelation").toString();
            if (rel.startsWith("obl:") && !rel.equals("obl:agent")) {
                Object nmod = Reflect.callStatic(relations, "getNmod", rel.substring(4));
                Object gov = Reflect.call(edge, "getGovernor");
                Object dep = Reflect.call(edge, "getDependent");
                Object weight = Reflect.call(edge, "getWeight");
                Object extra = Reflect.call(edge, "isExtra");
                Reflect.call(graph, "removeEdge", edge);
                Reflect.call(graph, "addEdge", gov, dep, nmod, weight, extra);
            }
        }
    }

    /** The head of a (compound) node name is the object; compound modifiers become its attributes. */
    private static String objectName(Object node, SpiceTuples out) {
        String[] words = ((String) Reflect.call(node, "toJSONString")).trim().split("\\s+");
        String head = words[words.length - 1];
        out.object(head);
        for (int i = 0; i < words.length - 1; i++) {
            out.attribute(head, words[i]);
        }
        return head;
    }

    private static String nameOf(Object node, Map<Integer, String> nameByIndex) {
        String name = nameByIndex.get(index(Reflect.call(node, "value")));
        if (name != null) {
            return name;
        }
        String[] words = ((String) Reflect.call(node, "toJSONString")).trim().split("\\s+");
        return words[words.length - 1];
    }

    private static int index(Object indexedWord) {
        return (Integer) Reflect.call(indexedWord, "index");
    }
}
