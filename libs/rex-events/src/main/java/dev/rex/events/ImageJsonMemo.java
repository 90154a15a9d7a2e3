package dev.rex.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An image's scene graph and boxes as JSON, written and read once per image rather than once per question.
 * <p>
 * Every question of an image carries the same graph and 36 boxes (twice: the program's and the grounding reference's),
 * about 11 KB of JSON whose numbers dominated the services' CPU: encoding them in the preprocessing service, decoding
 * and encoding them again in the explanation service. Events are immutable, so a graph or box list already written is
 * written again as the same text ({@link Writer}: the last few values, by identity), and a graph or box list whose
 * text was read before is the same value ({@link Reader}: the last few texts, when {@link EventCodec#decode} gives the
 * record's text as {@link #SOURCE}). The JSON is byte for byte what the plain binding writes, and a value read is
 * equal to what the plain binding reads: only the work is saved.
 */
final class ImageJsonMemo {
    /** Decoding attribute: the record's text, whose character offsets the parser reports. */
    static final Object SOURCE = ImageJsonMemo.class;
    private static final int ENTRIES = 64;
    /** Longest text a reader keeps (a GQA graph is about 4 KB): records may be up to 1 MB, memos stay small. */
    private static final int MAX_TEXT = 64 * 1024;

    private ImageJsonMemo() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("rex-image-json-memo");
        m.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription desc,
                                                      JsonSerializer<?> serializer) {
                return desc.getBeanClass() == SceneGraph.class ? new Writer(serializer) : serializer;
            }

            @Override
            public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type,
                                                                BeanDescription desc, JsonSerializer<?> serializer) {
                return type.getContentType().getRawClass() == Box.class ? new Writer(serializer) : serializer;
            }
        });
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                                                          JsonDeserializer<?> deserializer) {
                return desc.getBeanClass() == SceneGraph.class ? new Reader(deserializer) : deserializer;
            }

            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription desc,
                                                                    JsonDeserializer<?> deserializer) {
                return type.getContentType().getRawClass() == Box.class ? new Reader(deserializer) : deserializer;
            }
        });
        return m;
    }

    /** The last {@link #ENTRIES} values written, by identity, with their JSON. */
    static final class Writer extends JsonSerializer<Object> implements ContextualSerializer, ResolvableSerializer {
        private final JsonSerializer<Object> delegate;
        private final Object[] values = new Object[ENTRIES];
        private final String[] texts = new String[ENTRIES];
        private int next;

        @SuppressWarnings("unchecked")
        Writer(JsonSerializer<?> delegate) {
            this.delegate = (JsonSerializer<Object>) delegate;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (gen instanceof TokenBuffer) { // a tree is being built (valueToTree): raw text has no place in it
                delegate.serialize(value, gen, provider);
                return;
            }
            String text = known(value);
            if (text == null) {
                StringWriter out = new StringWriter(1024);
                try (JsonGenerator own = gen.getCodec() != null ? gen.getCodec().getFactory().createGenerator(out)
                        : EventCodec.mapper().getFactory().createGenerator(out)) {
                    delegate.serialize(value, own, provider);
                }
                text = out.toString();
                remember(value, text);
            }
            gen.writeRawValue(text);
        }

        private synchronized String known(Object value) {
            for (int i = 0; i < ENTRIES; i++) {
                if (values[i] == value) return texts[i];
            }
            return null;
        }

        private synchronized void remember(Object value, String text) {
            values[next] = value;
            texts[next] = text;
            next = (next + 1) % ENTRIES;
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer r) r.resolve(provider);
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (!(delegate instanceof ContextualSerializer c)) return this;
            JsonSerializer<?> contextual = c.createContextual(provider, property);
            return contextual == delegate ? this : new Writer(contextual);
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }
    }

    private record Known(String text, Object value) {
    }

    /**
     * The last {@link #ENTRIES} texts read, with their values. The text read last is compared first: an image's
     * questions come one after another, and comparing 11 KB costs less than hashing them for the map.
     */
    static final class Reader extends DelegatingDeserializer {
        private volatile Known last;
        private final Map<String, Object> known = new LinkedHashMap<>(ENTRIES * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > ENTRIES;
            }
        };

        Reader(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Reader(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            // only on the record's own parser: a value read from a text taken out of it has other offsets
            if (!(ctxt.getAttribute(SOURCE) instanceof String source) || p != ctxt.getParser()
                    || (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY)) {
                return super.deserialize(p, ctxt);
            }
            long start = p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            long end = p.currentLocation().getCharOffset();
            if (start < 0 || end > source.length() || start >= end) { // a mapping error: the record is refused
                throw JsonMappingException.from(p, "cannot locate a value in the record (offsets " + start + ".."
                        + end + ")");
            }
            String text = source.substring((int) start, (int) end);
            Known last = this.last;
            if (last != null && last.text().equals(text)) return last.value(); // the image of the record before
            Object value = recall(text);
            if (value != null) {
                this.last = new Known(text, value);
                return value;
            }
            try (JsonParser own = p.getCodec().getFactory().createParser(text)) {
                own.nextToken();
                value = super.deserialize(own, ctxt);
            }
            // immutable, so that the event's own copy (Require.list) is this very list and writes from the memo
            if (value instanceof java.util.List<?> list && !list.contains(null)) value = java.util.List.copyOf(list);
            if (value != null && text.length() <= MAX_TEXT) { // an outsized graph is read, not kept
                remember(text, value);
                this.last = new Known(text, value);
            }
            return value;
        }

        private synchronized Object recall(String text) {
            return known.get(text);
        }

        private synchronized void remember(String text, Object value) {
            known.put(text, value);
        }
    }
}
