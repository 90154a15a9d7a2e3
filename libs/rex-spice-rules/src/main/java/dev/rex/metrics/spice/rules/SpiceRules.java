package dev.rex.metrics.spice.rules;

import edu.stanford.nlp.international.Language;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.scenegraph.SemanticGraphEnhancer;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import edu.stanford.nlp.semgraph.semgrex.SemgrexMatcher;
import edu.stanford.nlp.semgraph.semgrex.SemgrexPattern;
import edu.stanford.nlp.trees.GrammaticalRelation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The proposition tuples SPICE 1.0 reads off one caption's dependency graphs: objects {@code [o]}, attributes
 * {@code [o, a]} and relations {@code [subject, object, predicate]} (SPICE's own order), written from SPICE 1.0's
 * description of its parser. The graphs come from CoreNLP 3.6.0 (collapsed, CC-processed Universal Dependencies v1,
 * as SPICE 1.0 took them) as plain lines, so that this code can run where CoreNLP 4.5's semgrex and scene-graph
 * enhancer live: {@code T index word lemma tag}, {@code E governor dependent relation}, {@code R index}.
 * <p>
 * Kept as SPICE 1.0 has them: the quantificational-modifier and pronoun steps of the scene-graph enhancer, no plural
 * copies; the conjunction step, which compares a word object with a string and so never adds a tuple, adds none;
 * predicates keep their case, words are lower-cased lemmas.
 */
public final class SpiceRules {

    private static final String NOUN = "{tag:/NNP?S?/}";
    private static final SemgrexPattern SUBJECT_PREDICATE_OBJECT = SemgrexPattern.compile(
            "{}=pred >nsubj " + NOUN + "=subj >/(iobj|dobj|nmod:.*)/=objreln " + NOUN + "=obj !> cop {}");
    private static final SemgrexPattern CLAUSE_ON_NOUN = SemgrexPattern.compile(
            "{}=subj >acl ({tag:/V.*/}=pred >/(iobj|dobj|nmod:.*)/=objreln " + NOUN + "=obj)");
    private static final SemgrexPattern SUBJECT_PREDICATE = SemgrexPattern.compile(
            "{}=pred >nsubj " + NOUN + "=subj !>/(iobj|dobj|nmod:.*)/ " + NOUN + " !>cop {}");
    private static final SemgrexPattern COPULA = SemgrexPattern.compile("{}=pred >nsubj " + NOUN + "=subj >cop {}");
    private static final SemgrexPattern ADJECTIVE_MODIFIER = SemgrexPattern.compile("{}=obj >/(amod)/ {}=adj");
    private static final SemgrexPattern ADJECTIVE_PREDICATE = SemgrexPattern.compile("{tag:/J.*/}=adj >nsubj {}=obj");
    private static final SemgrexPattern PREPOSITION_ON_NOUN = SemgrexPattern.compile(
            NOUN + "=gov >/nmod:.*/=reln {}=mod");
    private static final SemgrexPattern POSSESSIVE = SemgrexPattern.compile(
            NOUN + "=gov >/nmod:poss/=reln " + NOUN + "=mod");
    private static final SemgrexPattern PASSIVE_AGENT = SemgrexPattern.compile(
            "{tag:/V.*/}=pred >/nmod:agent/=reln " + NOUN + "=subj >nsubjpass " + NOUN + "=obj ");
    private static final SemgrexPattern PLURAL_SUBJECT_AND_OBJECT = SemgrexPattern.compile(
            "{}=pred >nsubj {tag:/NNP?S/}=subj [ >/(.obj)/ ({tag:/NNP?S/}=obj) | "
                    + " >/(nmod:((?!agent).)*$)/ ({tag:/NNP?S/}=obj >case {}) ] ");
    private static final SemgrexPattern PLURAL_SUBJECT = SemgrexPattern.compile(
            "{tag:/NNP?S/}=subj [ == {$} | <nsubj ({} !>/.obj/ {tag:/NNP?S/} "
                    + "!>/(nmod:((?!agent).)*$)/ ({tag:/NNP?S/} > case {}) )]");
    private static final SemgrexPattern PLURAL_OTHER = SemgrexPattern.compile(
            "{tag:/NNP?S/}=word !== {$} !<nsubj {} !</.obj|nmod.*/ ({} >nsubj {tag:/NNP?S/})");
    private static final SemgrexPattern COMPOUND = SemgrexPattern.compile(NOUN + "=tail >/(compound)/ " + NOUN + "=head");
    private static final SemgrexPattern ANY_NOUN = SemgrexPattern.compile(NOUN + "=word");

    private SpiceRules() {
    }

    /** The tuples of a caption: one list of lines per sentence, in sentence order. */
    public static List<List<String>> tuples(List<List<String>> sentences) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> lines : sentences) {
            SemanticGraph sg = graph(lines);
            if (sg.vertexSet().isEmpty()) {
                continue;
            }
            SemanticGraphEnhancer.processQuanftificationModifiers(sg);
            SemanticGraphEnhancer.resolvePronouns(sg);
            sentence(sg, out);
        }
        return out;
    }

    static SemanticGraph graph(List<String> lines) {
        SemanticGraph sg = new SemanticGraph();
        Map<Integer, IndexedWord> words = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "T" -> {
                    CoreLabel label = new CoreLabel();
                    label.setIndex(Integer.parseInt(f[1]));
                    label.setSentIndex(0);
                    label.setWord(f[2]);
                    label.setValue(f[2]);
                    label.setOriginalText(f[2]);
                    label.setLemma(f[3]);
                    label.setTag(f[4]);
                    IndexedWord w = new IndexedWord(label);
                    words.put(w.index(), w);
                    sg.addVertex(w);
                }
                case "E" -> sg.addEdge(words.get(Integer.parseInt(f[1])), words.get(Integer.parseInt(f[2])),
                        GrammaticalRelation.valueOf(Language.UniversalEnglish, f[3]), 1.0, false);
                case "R" -> sg.addRoot(words.get(Integer.parseInt(f[1])));
                default -> throw new IllegalArgumentException("not a graph line: " + line);
            }
        }
        return sg;
    }

    private static void sentence(SemanticGraph sg, List<List<String>> out) {
        for (SemgrexPattern p : List.of(SUBJECT_PREDICATE_OBJECT, CLAUSE_ON_NOUN)) {
            SemgrexMatcher m = p.matcher(sg);
            while (m.find()) {
                String reln = m.getRelnString("objreln");
                String predicate = predicate(sg, m.getNode("pred"));
                if (reln.startsWith("nmod:") && !reln.equals("nmod:poss") && !reln.equals("nmod:agent")) {
                    predicate += " " + reln.substring("nmod:".length()).replace('_', ' ');
                }
                out.add(List.of(word(m.getNode("subj")), word(m.getNode("obj")), predicate));
            }
        }
        for (SemgrexPattern p : List.of(SUBJECT_PREDICATE, COPULA)) {
            SemgrexMatcher m = p.matcher(sg);
            while (m.find()) {
                IndexedWord subj = m.getNode("subj");
                IndexedWord pred = m.getNode("pred");
                IndexedWord caseMarker = child(sg, pred, "case");
                if (caseMarker != null) {
                    StringBuilder prep = new StringBuilder(caseMarker.value());
                    for (IndexedWord more : children(sg, caseMarker, "mwe")) {
                        prep.append(' ').append(more.value());
                    }
                    out.add(List.of(word(subj), word(pred), prep.toString()));
                } else if (!pred.lemma().equals("be")) {
                    out.add(List.of(word(subj), word(pred)));
                }
            }
        }
        SemgrexMatcher m = ADJECTIVE_MODIFIER.matcher(sg);
        while (m.find()) {
            out.add(List.of(word(m.getNode("obj")), word(m.getNode("adj"))));
        }
        m = ADJECTIVE_PREDICATE.matcher(sg);
        while (m.find()) {
            out.add(List.of(word(m.getNode("obj")), word(m.getNode("adj"))));
        }
        m = PREPOSITION_ON_NOUN.matcher(sg);
        while (m.find()) {
            String predicate = m.getRelnString("reln").replace("nmod:", "").replace('_', ' ');
            if (!predicate.equals("poss") && !predicate.equals("agent")) {
                out.add(List.of(word(m.getNode("gov")), word(m.getNode("mod")), predicate));
            }
        }
        m = POSSESSIVE.matcher(sg);
        while (m.find()) {
            out.add(List.of(word(m.getNode("mod")), word(m.getNode("gov")), "have"));
        }
        m = PASSIVE_AGENT.matcher(sg);
        while (m.find()) {
            out.add(List.of(word(m.getNode("subj")), word(m.getNode("obj")), predicate(sg, m.getNode("pred"))));
        }
        m = PLURAL_SUBJECT_AND_OBJECT.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("subj"), out);
            count(sg, m.getNode("obj"), out);
        }
        m = PLURAL_SUBJECT.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("subj"), out);
        }
        m = PLURAL_OTHER.matcher(sg);
        while (m.findNextMatchingNode()) {
            count(sg, m.getNode("word"), out);
        }
        Set<IndexedWord> compoundParts = new HashSet<>();
        m = COMPOUND.matcher(sg);
        while (m.find()) {
            IndexedWord tail = m.getNode("tail");
            IndexedWord head = m.getNode("head");
            compoundParts.add(tail);
            compoundParts.add(head);
            out.add(List.of(word(tail), word(head)));
        }
        m = ANY_NOUN.matcher(sg);
        while (m.find()) {
            IndexedWord w = m.getNode("word");
            if (!compoundParts.contains(w)) {
                out.add(List.of(word(w)));
            }
        }
    }

    /** A verb's lemma, with its particle ("take off"); a copula with a particle is the particle alone. */
    private static String predicate(SemanticGraph sg, IndexedWord verb) {
        IndexedWord particle = child(sg, verb, "compound:prt");
        if (particle == null) {
            return verb.lemma();
        }
        return (verb.lemma().equals("be") ? "" : verb.lemma()) + " " + particle.value();
    }

    /** A plural's number ("two dogs": {@code [dog, two]}), or its quantifier. */
    private static void count(SemanticGraph sg, IndexedWord noun, List<List<String>> out) {
        IndexedWord number = child(sg, noun, "nummod");
        if (number != null) {
            if (number.index() < noun.index()) {
                out.add(List.of(word(noun), word(number)));
            }
            return;
        }
        IndexedWord quantifier = child(sg, noun, "det:qmod");
        if (quantifier != null) {
            out.add(List.of(word(noun), word(quantifier)));
        }
    }

    private static IndexedWord child(SemanticGraph sg, IndexedWord w, String relation) {
        List<IndexedWord> all = children(sg, w, relation);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<IndexedWord> children(SemanticGraph sg, IndexedWord w, String relation) {
        List<IndexedWord> out = new ArrayList<>();
        for (SemanticGraphEdge e : sg.outgoingEdgeIterable(w)) {
            if (e.getRelation().toString().equals(relation)) {
                out.add(e.getDependent());
            }
        }
        return out;
    }

    private static String word(IndexedWord w) {
        return w.lemma().trim().toLowerCase(Locale.ROOT);
    }
}
