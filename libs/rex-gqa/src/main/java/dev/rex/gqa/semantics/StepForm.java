package dev.rex.gqa.semantics;

/**
 * How a GQA operation's argument and dependencies become the abstract step's fields. Each form corresponds to
 * one row shape of the original's {@code simplified_mapping_exp.json} ({@code rel/attr}, {@code obj_1},
 * {@code obj_2}).
 */
public enum StepForm {
    /** ("-1", obj, "-1"): the object is parsed from the argument ({@code select}). */
    OBJECT("-1", "obj", "-1"),
    /** ("rel", obj, dep): relation name from the argument, subject object from it too, dependencies second. */
    RELATION("rel", "obj", "dep"),
    /** ("attr", dep, "-1"): the argument verbatim, the dependencies first. */
    ATTRIBUTE("attr", "dep", "-1"),
    /** (fixed, dep, dep): a fixed argument and the two dependencies split in two single-element lists. */
    TWO_DEPENDENCIES(null, "dep", "dep"),
    /** (fixed, dep, "-1"): a fixed argument, all dependencies first. */
    FIXED_ARGUMENT(null, "dep", "-1"),
    /** {@code exist}: handled before any table lookup in the original; the table row reads ("-1", dep, "-1"). */
    EXISTENCE("-1", "dep", "-1");

    private final String relAttr;
    private final String obj1;
    private final String obj2;

    StepForm(String relAttr, String obj1, String obj2) {
        this.relAttr = relAttr;
        this.obj1 = obj1;
        this.obj2 = obj2;
    }

    /** The table's {@code rel/attr} column for a rule of this form ({@code fixed} when the form has none). */
    public String relAttr(String fixed) {
        return relAttr != null ? relAttr : fixed;
    }

    public String obj1() {
        return obj1;
    }

    public String obj2() {
        return obj2;
    }
}
