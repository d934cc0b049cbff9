package report

import (
	"maps"
	"testing"
)

func TestReportLabels(t *testing.T) {
	r := &Report{Stories: []Story{
		{ID: "story-a", Members: []StoryMember{
			{ID: "d1", DuplicateGroup: "dup-x"},
			{ID: "d2", DuplicateGroup: "dup-x"},
			{ID: "d3"},
		}},
		{ID: "story-b", Members: []StoryMember{{ID: "d4"}}},
	}}
	story, dup := r.Labels()
	wantStory := map[string]string{"d1": "story-a", "d2": "story-a", "d3": "story-a", "d4": "story-b"}
	wantDup := map[string]string{"d1": "dup-x", "d2": "dup-x", "d3": "d3", "d4": "d4"}
	if !maps.Equal(story, wantStory) {
		t.Errorf("story labels %v, want %v", story, wantStory)
	}
	if !maps.Equal(dup, wantDup) {
		t.Errorf("duplicate labels %v, want %v", dup, wantDup)
	}
	story, dup = (&Report{}).Labels()
	if story == nil || dup == nil || len(story)+len(dup) != 0 {
		t.Errorf("empty report: %v, %v, want two empty maps", story, dup)
	}
}
