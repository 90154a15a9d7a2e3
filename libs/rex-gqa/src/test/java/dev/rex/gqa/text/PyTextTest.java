package dev.rex.gqa.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python behaviours, values checked with CPython 3.11. */
class PyTextTest {
    @Test
    void roundLikePython() {
        assertEquals("0.2", PyText.round1(0.25));  // exact tie: half to even
        assertEquals("0.3", PyText.round1(0.35));  // 0.35 is stored as 0.34999…
        assertEquals("0.1", PyText.round1(0.15));  // 0.1499…
        assertEquals("0.1", PyText.round1(0.05));  // 0.05000…03
        assertEquals("0.9", PyText.round1(0.95));  // 0.9499…
        assertEquals("1.0", PyText.round1(1.0));
        assertEquals("0.0", PyText.round1(0.0));
        assertEquals("0.0", PyText.round1(0.04));
        assertEquals("-0.0", PyText.round1(-0.04));
        assertEquals("2.5", PyText.round1(2.45)); // stored as 2.4500000000000001776: above the tie
    }

    @Test
    void parenthesisGroupsLikeRe() {
        assertEquals("12", PyText.firstParenGroup("shirt (12)"));
        assertEquals("(a", PyText.firstParenGroup("x ((a) b"));
        assertEquals("b", PyText.firstParenGroup("() (b)"));
        assertNull(PyText.firstParenGroup("no group ("));
        assertEquals(List.of("obj:1", "0.5,0.2", "obj*:dog "), PyText.parenGroups("(obj:1) at (0.5,0.2) (obj*:dog )"));
        assertEquals(List.of("white"), PyText.notGroups("not(white) (obj:1)"));
        assertEquals("12", PyText.firstGroupContaining("(obj*:x) (0.1,0.2) (obj:12) (obj:13)", "obj:", 4));
        assertEquals("j:5", PyText.firstGroupContaining("(a obj:5)", "obj:", 4)); // the original's obj_id[4:]
        assertEquals("", PyText.firstGroupContaining("(obj:)", "obj:", 4));
        assertNull(PyText.firstGroupContaining("(obj*:dog (-)) obj:1", "obj:", 4));
    }

    @Test
    void splitKeepsEmptyParts() {
        assertEquals(List.of("a", "", "b", ""), PyText.split("a,,b,", ","));
        assertEquals(List.of(""), PyText.split("", ","));
        assertEquals(List.of("a", "b"), PyText.words("  a  b "));
        assertEquals("a b", PyText.squeeze(" a   b  "));
    }

    @Test
    void floatAndIsDigitLikePython() {
        assertEquals(0.5, PyText.pyFloat(" 0.5 "));
        assertEquals(1000.0, PyText.pyFloat("1_000"));
        assertEquals(0.5, PyText.pyFloat(".5"));
        assertEquals(1.0, PyText.pyFloat("1."));
        assertTrue(Double.isInfinite(PyText.pyFloat("-inf")));
        assertThrows(NumberFormatException.class, () -> PyText.pyFloat("red"));
        assertThrows(NumberFormatException.class, () -> PyText.pyFloat("1e"));
        assertThrows(NumberFormatException.class, () -> PyText.pyFloat("0x10"));
        assertThrows(NumberFormatException.class, () -> PyText.pyFloat("1d"));
        assertTrue(PyText.isDigit("2791501"));
        assertFalse(PyText.isDigit(""));
        assertFalse(PyText.isDigit("-"));
        assertFalse(PyText.isDigit("1.5"));
    }

    /** The scorers' splits, as CPython gives them (values checked with python3 on this machine's CPython). */
    @Test
    void whitespaceAsPythonSeesIt() {
        assertEquals(List.of("a", "b", "c"), PyText.splitWhitespace(" a\u00a0b\t\u2003c\u0085"));
        assertEquals(List.of(), PyText.splitWhitespace(" \n "));
        assertEquals(List.of("", "a", "", "b", ""), PyText.split(" a  b ", ' '));
        assertEquals(" a b", PyText.rstrip(" a b \u00a0\n"));
        assertTrue(PyText.isSpace('\u001f'));
        assertFalse(PyText.isSpace('\u200b'));
    }
}
