package metrics

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	content := `{"id":"a","story":"s1","dup":"g"}
{"id":7,"story":3}

{"id":"c","story":"s1"}
{"title":"no id","story":"s9"}
`
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field string
		self  bool
		want  map[string]string
	}{
		{"story", false, map[string]string{"a": "s1", "7": "3", "c": "s1"}},
		{"dup", false, map[string]string{"a": "g"}},
		{"dup", true, map[string]string{"a": "g", "7": "7", "c": "c"}},
	}
	for _, tt := range tests {
		got, err := ReadLabels(path, tt.field, tt.self)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("ReadLabels(%q, %v) = %v, want %v", tt.field, tt.self, got, tt.want)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"a\"}\n{oops\n"), 0o644)
	if _, err := ReadLabels(bad, "story", false); err == nil || !contains(err.Error(), "bad.jsonl:2") {
		t.Errorf("error %v does not name bad.jsonl:2", err)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
