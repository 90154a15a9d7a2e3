package dev.rex.metrics.spice;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls into the isolated CoreNLP classes (3.6.0, 4.5), which this module cannot compile against (it compiles against
 * CoreNLP 3.4.1, same package names). Methods are found by name and argument count and cached per class.
 */
final class Reflect {

    private Reflect() {
    }

    static Object call(Object target, String name, Object... args) {
        return invoke(target.getClass(), target, name, args);
    }

    static Object callStatic(Class<?> type, String name, Object... args) {
        return invoke(type, null, name, args);
    }

    static Object field(Object target, String name) {
        try {
            return target.getClass().getField(name).get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CoreNLP: no field " + name + " on " + target.getClass(), e);
        }
    }

    private static Object invoke(Class<?> type, Object target, String name, Object[] args) {
        Method m = find(type, name, args);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("CoreNLP 4.5 " + name + " failed", c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method find(Class<?> type, String name, Object[] args) {
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.length) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            boolean ok = true;
            for (int i = 0; i < p.length && ok; i++) {
                ok = args[i] == null ? !p[i].isPrimitive() : wrap(p[i]).isInstance(args[i]);
            }
            if (ok) {
                if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                    m.setAccessible(true); // a public method of a package-private CoreNLP class
                }
                return m;
            }
        }
        throw new IllegalStateException("CoreNLP 4.5: no public method " + name + "/" + args.length + " on " + type);
    }

    private static Class<?> wrap(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        return Object.class;
    }
}
