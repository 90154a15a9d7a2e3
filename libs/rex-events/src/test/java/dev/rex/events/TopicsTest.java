package dev.rex.events;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsTest {
    @Test
    void everyTopicHasExactlyOneEventTypeAndADeadLetterTwin() {
        assertEquals(Topics.ALL.size(), new HashSet<>(Topics.ALL).size());
        assertEquals(Topics.ALL, EventTypes.ALL.stream().map(EventType::topic).toList());
        for (String topic : Topics.ALL) {
            assertEquals(topic + ".dlq", Topics.dlq(topic));
            assertEquals(topic, EventTypes.forTopic(topic).orElseThrow().topic());
        }
        assertEquals(List.of(Topics.QUESTIONS_DLQ, Topics.PROGRAMS_DLQ, Topics.EXPLANATIONS_DLQ, Topics.INFERENCE_REQUESTS_DLQ,
                        Topics.PREDICTIONS_DLQ, Topics.TRAINING_PROGRESS_DLQ, Topics.MODELS_DLQ, Topics.EVALUATIONS_DLQ),
                Topics.ALL.stream().map(Topics::dlq).toList());
    }

    @Test
    void aDeadLetterTopicHasNoDeadLetterTopic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.dlq(Topics.QUESTIONS_DLQ));
        assertTrue(e.getMessage().contains("rex.questions.dlq"), e.getMessage());
    }

    @Test
    void everySampleIsKeyedAsTheArchitectureSays() {
        // questions and programs by image id (one image's questions in file order), the rest as their table says
        assertEquals(SampleEvents.question().imageId(), SampleEvents.question().key());
        assertEquals("2354786", SampleEvents.question().key());
        assertEquals("run-7", SampleEvents.trainingProgress().key());
        assertEquals("rex-multitask", SampleEvents.model().key());
        assertEquals("rex-multitask-3|val", SampleEvents.evaluation().key());
        assertEquals(EventTypes.ALL.stream().map(EventType::eventClass).toList(),
                SampleEvents.all().stream().map(Object::getClass).toList());
    }
}
