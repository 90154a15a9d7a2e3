package dev.rex.model.train;

import dev.rex.model.RexCheckpoint;
import dev.rex.model.text.WordPieceTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The WordPiece vocabulary of a run, chosen so that the question ids always match the word embeddings:
 * the vocabulary of the checkpoint being resumed, else that of the {@code --init} checkpoint, else
 * {@code vocab.txt} of the data folder (e.g. bert-base-uncased's, placed there by the user), else one built from
 * the training questions ({@link WordPieceTokenizer#buildVocabulary}; bert-base-uncased's cannot be downloaded here).
 * Every checkpoint stores it, so inference encodes questions the same way.
 */
public record RunTokenization(WordPieceTokenizer tokenizer, String source) implements QuestionTokenization {

    public static RunTokenization choose(Path resumeDir, Path init, Path dataDir, List<Sample> train)
            throws IOException {
        for (Path dir : new Path[]{resumeDir, init}) {
            if (dir != null && Files.isRegularFile(dir.resolve(RexCheckpoint.VOCAB))) {
                return new RunTokenization(WordPieceTokenizer.load(dir.resolve(RexCheckpoint.VOCAB)),
                        dir.resolve(RexCheckpoint.VOCAB).toString());
            }
        }
        Path dataVocab = dataDir.resolve(RexCheckpoint.VOCAB);
        if (Files.isRegularFile(dataVocab)) {
            return new RunTokenization(WordPieceTokenizer.load(dataVocab), dataVocab.toString());
        }
        List<String> questions = new ArrayList<>(train.size());
        for (Sample s : train) questions.add(s.question());
        return new RunTokenization(new WordPieceTokenizer(WordPieceTokenizer.buildVocabulary(questions, 1)),
                "built from the " + train.size() + " training questions");
    }

    @Override
    public List<String> vocab() {
        return tokenizer.vocabulary();
    }

    /** {@code [CLS] pieces [SEP]} without cutting or padding: the batch assembler cuts as dataloader.py does. */
    @Override
    public QuestionEncoder encoder() {
        long cls = tokenizer.id(WordPieceTokenizer.CLS);
        long sep = tokenizer.id(WordPieceTokenizer.SEP);
        return question -> {
            List<String> pieces = tokenizer.tokenize(question);
            long[] ids = new long[pieces.size() + 2];
            ids[0] = cls;
            for (int i = 0; i < pieces.size(); i++) ids[i + 1] = tokenizer.id(pieces.get(i));
            ids[ids.length - 1] = sep;
            return ids;
        };
    }
}
