package dev.rex.model.train;

/** Why a training question was left out (dataloader.py's filters, plus the cases where the original crashes). */
public enum SkipReason {
    /** more than max_qlen (18) words after cleaning. */
    QUESTION_TOO_LONG,
    /** the converted answer is not in ans2idx. */
    ANSWER_NOT_IN_DICTIONARY,
    /** more than max_exp_len (12) explanation tokens. */
    EXPLANATION_TOO_LONG,
    /** an explanation word missing from exp2idx (the original raises KeyError): dictionaries of another build. */
    WORD_NOT_IN_DICTIONARY,
    /** the image has no feature file in the feature store. */
    FEATURES_MISSING,
    /** not drawn into the transfer subset of --percentage. */
    NOT_IN_SUBSET
}
