package dev.rex.gqa.build;

/**
 * The fixed list of reasons a question gets no explanation although the original would have tried. Each code
 * names the failure of the original chain it replaces (the original stops the whole corpus there; we record the
 * question and go on). Drops that the original makes on purpose are not rejections: see {@link DropReason}.
 */
public enum RejectionCode {
    INVALID_QUESTION("the question record lacks a field the chain reads, or has it with the wrong JSON type"),
    UNKNOWN_OPERATION("the program uses an operation name the abstraction rules do not know (original: KeyError)"),
    MALFORMED_ARGUMENT("a relate argument without 'subject,relation,…' commas (original: IndexError)"),
    MISSING_DEPENDENCY("a step needs more dependencies than it has, or names a step that does not exist "
            + "(original: IndexError / TypeError)"),
    CYCLIC_PROGRAM("the program's dependencies loop or nest too deep (original: RecursionError)"),
    MISSING_SCENE_GRAPH("no scene graph for the question's image (original: KeyError)"),
    MISSING_OBJECT("an object id that is not in the image's scene graph (original: KeyError)"),
    UNGROUNDED_OBJECT("an action needs an existing object but its input names none, e.g. a non-existent "
            + "'obj*' object (original: UnboundLocalError in validate_obj)"),
    NO_COMMON_ATTRIBUTE("'common' on two objects that share no attribute (original: UnboundLocalError)"),
    NO_CATEGORY_ATTRIBUTE("'same'/'different' where an object has no attribute of the category "
            + "(original: UnboundLocalError, or ValueError from an empty random choice)"),
    UNKNOWN_CATEGORY("'same'/'different'/'compare' with a category or comparative the attribute table lacks "
            + "(original: KeyError)"),
    PARTIAL_VERIFY("'verify' over several objects of which only some pass (original: TypeError in "
            + "', while '.join(a, b))"),
    NO_MATCHING_CHOICE("a 'choose'/'verify A|B' where no candidate holds for every object (original: the "
            + "function returns None and the next string operation fails)"),
    NO_COMMON_TEXT("'and'/'or' on the same object whose two descriptions share no character (original: "
            + "AttributeError in lcs)"),
    BAD_NOT_ATTRIBUTE("a 'not(' attribute without a closing parenthesis (original: IndexError)"),
    ZERO_IMAGE_SIZE("a position on an image whose width or height is 0 (original: ZeroDivisionError)"),
    SHORT_EXPLANATION("post-processing inspects the last two words of a one-word explanation ending in 'ing' "
            + "(original: IndexError)"),
    BAD_POSITION("a parenthesised group with a comma that is not a number pair (original: ValueError in float)"),
    MISSING_BOXES("the image's box file is missing or is not float32 [N,4] (original: FileNotFoundError)"),
    INVALID_SCENE_GRAPH("the image's scene graph is malformed (a field missing or of the wrong JSON type)"),
    INTERNAL_ERROR("a failure of this implementation, not of the input: the detail names the exception; please "
            + "report it with the question");

    private final String meaning;

    RejectionCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
