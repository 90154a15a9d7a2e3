package dev.rex.model.train;

import java.util.List;

/**
 * How the run turns questions into BERT ids: the WordPiece vocabulary stored with every checkpoint
 * ({@code vocab.txt}, line i = id i) and the encoder over it.
 */
public interface QuestionTokenization {
    List<String> vocab();

    QuestionEncoder encoder();
}
