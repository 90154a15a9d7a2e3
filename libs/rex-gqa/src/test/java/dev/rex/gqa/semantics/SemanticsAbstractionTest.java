package dev.rex.gqa.semantics;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.SemanticStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SemanticsAbstractionTest {
    private static AbstractStep one(String op, String arg, Integer... deps) {
        return SemanticsAbstraction.abstractStep(0, new SemanticStep(op, arg, List.of(deps)));
    }

    @Test
    void objectReferences() {
        assertEquals("obj:2791501", one("select", "shirt (2791501)").objectRef());
        assertEquals("obj:1,2", one("select", "cups (1,2)").objectRef());
        assertEquals("obj*:table (-)", one("select", "table (-)").objectRef());
        assertEquals("obj*:scene", one("select", "scene").objectRef());
        assertNull(one("select", "scene").argument()); // written -1
        AbstractStep rel = one("relate", "man,wearing,o (3075005)", 0);
        assertEquals("wearing", rel.argument());
        assertEquals("obj:3075005", rel.objectRef());
        assertEquals(List.of(0), rel.dependencies2());
        assertEquals("obj*:_", one("relate", "_,on,s (-)", 0).objectRef());
    }

    @Test
    void formsOfTheTable() {
        AbstractStep verify = one("choose color", "red|blue", 0);
        assertEquals("verify", verify.operation());
        assertEquals("red|blue", verify.argument());
        assertEquals(List.of(0), verify.dependencies());
        assertNull(verify.dependencies2());
        AbstractStep compare = one("choose less healthy", "", 0, 1);
        assertEquals("compare", compare.operation());
        assertEquals("less-healthy", compare.argument());
        assertEquals(List.of(0), compare.dependencies());
        assertEquals(List.of(1), compare.dependencies2());
        assertEquals("-1", one("and", "", 0, 1).argument()); // the string "-1", as the original writes it
        assertEquals("color", one("same color", "", 0, 1).argument());
        assertEquals("filter", one("verify shape", "round", 0).operation());
        assertEquals("verify", one("filter length", "long", 0).operation());
        AbstractStep exist = one("exist", "?", 3);
        assertEquals("exist", exist.operation());
        assertNull(exist.argument());
    }

    @Test
    void inputsTheOriginalCannotAbstract() {
        assertEquals(RejectionCode.UNKNOWN_OPERATION,
                assertThrows(RejectedException.class, () -> one("filter nonsense", "x", 0)).code());
        assertEquals(RejectionCode.MALFORMED_ARGUMENT,
                assertThrows(RejectedException.class, () -> one("relate", "wearing", 0)).code());
        assertEquals(RejectionCode.MISSING_DEPENDENCY,
                assertThrows(RejectedException.class, () -> one("or", "", 0)).code());
        assertEquals(RejectionCode.MALFORMED_ARGUMENT,
                assertThrows(RejectedException.class, () -> one("select", null)).code());
        assertEquals("-1", one("and", null, 0, 1).argument()); // the original never reads it there
        assertEquals("exist", one("exist", null, 0).operation());
    }
}
