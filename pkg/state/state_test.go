package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sample returns a small state with every field set.
func sample() *State {
	s := &State{Updated: 1717400000, Sketch: SketchParams{ShingleSize: 4, K: 4, Probe: 99}}
	s.AddDF([]string{"flood", "river"})
	s.AddDF([]string{"flood", "élection"})
	s.Stories = []Story{
		{ID: "story-b", Headline: "Rivers rise", FirstSeen: 1717300000, LastSeen: 1717400000, Units: 2,
			Centroid: []Term{{"flood", 0.8}, {"river", 0.6}}, Members: []Member{{"d2", 1717400000}, {"d1", 1717300000}},
			Docs: []Doc{{ID: "d2", Shingles: 10, Sketch: []uint32{1, 2, 3, 4}}, {ID: "d1", Shingles: 3, Sketch: []uint32{5, 6, 7}}}},
		{ID: "story-a", Headline: "Vote", FirstSeen: 1717000000, LastSeen: 1717000000, Units: 1,
			Centroid: []Term{{"élection", 1}}, Members: []Member{{"d0", 1717000000}}},
	}
	return s
}

func encode(t testing.TB, s *State) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	b := encode(t, sample())
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want := sample()
	want.Sort()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if again := encode(t, got); !bytes.Equal(again, b) {
		t.Fatal("encoding a decoded state changed its bytes")
	}
	if got.Stories[0].ID != "story-a" || got.Stories[1].Members[0].ID != "d1" {
		t.Fatalf("not sorted: %+v", got.Stories)
	}
}

func TestDecodeDamaged(t *testing.T) {
	good := encode(t, sample())
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		return b
	}
	version := bytes.Clone(good)
	version[11] = 9
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "truncated"},
		{"magic only", []byte(Magic[:5]), "truncated"},
		{"foreign", []byte("{\"stories\":[]}" + strings.Repeat(" ", 60)), "not a newsclust state file"},
		{"header only", good[:headerLen], "truncated"},
		{"half", good[:len(good)/2], "truncated"},
		{"no checksum", good[:len(good)-32], "truncated"},
		{"last byte lost", good[:len(good)-1], "truncated"},
		{"trailing garbage", append(bytes.Clone(good), 0), "trailing garbage"},
		{"payload bit", flip(headerLen + 5), "checksum mismatch"},
		{"checksum bit", flip(len(good) - 1), "checksum mismatch"},
		{"version", version, "format version 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.b)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode: %v, want ErrCorrupt with %q", err, tt.want)
			}
		})
	}
	for n := range len(good) {
		if _, err := Decode(good[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("prefix of %d bytes: %v", n, err)
		}
	}
}

func TestLoadSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if _, err := Load(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	if err := Save(path, sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-7], 0o644)
	_, err := Load(path)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Fatalf("truncated file: %v, want ErrCorrupt naming %s", err, path)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("Save left %d files", len(entries))
	}
}

func TestValidate(t *testing.T) {
	s := sample()
	s.Stories[1].ID = s.Stories[0].ID
	if err := s.Validate(); err == nil {
		t.Fatal("repeated story id accepted")
	}
	s = sample()
	s.Stories[0].Docs[0].Sketch = make([]uint32, 5)
	if err := s.Validate(); err == nil {
		t.Fatal("overlong sketch accepted")
	}
}

func TestPrune(t *testing.T) {
	s := sample()
	if n := s.Prune(1717400000, 0); n != 0 {
		t.Fatalf("retain 0 pruned %d", n)
	}
	if n := s.Prune(1717400000, 200000); n != 1 || len(s.Stories) != 1 || s.Stories[0].ID != "story-b" {
		t.Fatalf("pruned %d, left %+v", n, s.Stories)
	}
	if k := s.Known(); len(k) != 2 || k["d1"] != 0 {
		t.Fatalf("Known = %v", k)
	}
	s.Sort()
	s.Prune(1717400000, 50000)
	if st := s.Stories[0]; len(st.Members) != 1 || st.Members[0].ID != "d2" || len(st.Docs) != 1 || st.Docs[0].ID != "d2" {
		t.Fatalf("members older than the window kept: %+v", st)
	}
}

func TestBoundDF(t *testing.T) {
	s := &State{}
	for i := range MaxStems + 10 {
		s.AddDF([]string{"common", "t" + strconv.Itoa(i)})
	}
	s.DF.Counts["rare"] = 0.5
	s.BoundDF()
	if len(s.DF.Counts) != MaxStems {
		t.Fatalf("%d stems kept, want %d", len(s.DF.Counts), MaxStems)
	}
	if s.DF.Docs != MaxDocs || s.DF.Counts["common"] != MaxDocs {
		t.Fatalf("docs %v, common %v: want both scaled to %d", s.DF.Docs, s.DF.Counts["common"], MaxDocs)
	}
	if _, ok := s.DF.Counts["rare"]; ok {
		t.Fatal("rarest stem kept")
	}
}

func TestSketchJSON(t *testing.T) {
	tests := []struct {
		s    Sketch
		json string
	}{
		{nil, `""`},
		{Sketch{1, 0xfffffffe}, `"AQAAAP7///8="`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.s)
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.s, b, err, tt.json)
		}
		var back Sketch
		if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(back, tt.s) {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
	var s Sketch
	for _, bad := range []string{`"AQAA"`, `12`, `"!!"`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}
