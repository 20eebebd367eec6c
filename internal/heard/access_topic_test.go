package heard

import "testing"

// Every action of the log is in exactly one topic the filter offers, so
// filtering by topic never hides an entry from every choice.
func TestAccessTopics_CoverEveryAction(t *testing.T) {
	seen := map[Action]AccessTopic{}
	for _, topic := range AccessTopics {
		for _, a := range TopicActions(topic) {
			if other, ok := seen[a]; ok {
				t.Errorf("%s is in %s and %s", a, other, topic)
			}
			seen[a] = topic
		}
	}
	for _, a := range LoggedActions {
		if _, ok := seen[a]; !ok {
			t.Errorf("%s is in no topic", a)
		}
	}
	if TopicActions("nothing") != nil {
		t.Error("an unknown topic has actions")
	}
}
