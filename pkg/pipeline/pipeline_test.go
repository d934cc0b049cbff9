package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsclust/newsclust/pkg/report"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

const seedsDir = "../../testdata/seeds"

func run(t *testing.T, cfg Config, paths ...string) *report.Report {
	t.Helper()
	rep, err := Run(context.Background(), cfg, paths)
	if err != nil {
		t.Fatalf("Run(%v): %v", paths, err)
	}
	return rep
}

// storyOf maps each document id to the id of its story.
func storyOf(rep *report.Report) map[string]string {
	m := make(map[string]string)
	for _, s := range rep.Stories {
		for _, d := range s.Members {
			m[d.ID] = s.ID
		}
	}
	return m
}

func TestSeeds(t *testing.T) {
	rep := run(t, DefaultConfig(), seedsDir)
	s := storyOf(rep)
	const same1, same2, other = "000_0317e381cca1c053", "001_cadf0764db4d9e75", "002_8a9465579368dbc4"
	if len(s) != 3 {
		t.Fatalf("%d documents in stories, want 3", len(s))
	}
	if s[same1] != s[same2] {
		t.Errorf("the two reports of the Zelensky–Biden call are in different stories")
	}
	if s[other] == s[same1] {
		t.Errorf("the Biden–Putin call shares a story with the Zelensky–Biden call")
	}
	if len(rep.NearDuplicates) != 0 {
		t.Errorf("near-duplicate groups among distinct reports: %+v", rep.NearDuplicates)
	}
	if rep.Counts.Stories != 2 || rep.Counts.Documents != 3 {
		t.Errorf("counts = %+v, want 3 documents in 2 stories", rep.Counts)
	}
}

// syndicatedCopies makes the copies syndication makes of a real article.
func syndicatedCopies(text string) map[string]string {
	words := strings.Fields(text)
	edited := slices.Clone(words)
	for i := 7; i < len(edited); i += 40 { // 2.5 % of words changed
		edited[i] = "reportedly"
	}
	return map[string]string{
		"header-footer": "By Staff Reporter | Wire Service\n\n" + text +
			"\n\nCopyright 2022 Wire Service. All rights reserved.\nSubscribe to our newsletter for the day's top stories.",
		"truncated": strings.Join(words[:len(words)*7/10], " "),
		"edited":    strings.Join(edited, " "),
	}
}

func writeJSONL(t testing.TB, dir string, recs []map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readSeed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRealisticCopiesGroup(t *testing.T) {
	orig := readSeed(t, "000_0317e381cca1c053")
	recs := []map[string]string{
		{"id": "original", "title": "Zelensky tells Biden to calm down the messaging", "text": orig},
		{"id": "same-subject", "text": readSeed(t, "001_cadf0764db4d9e75")},
		{"id": "other-call", "text": readSeed(t, "002_8a9465579368dbc4")},
	}
	for name, text := range syndicatedCopies(orig) {
		recs = append(recs, map[string]string{"id": name, "title": "Repost: " + name, "text": text})
	}
	rep := run(t, DefaultConfig(), writeJSONL(t, t.TempDir(), recs))
	if len(rep.NearDuplicates) != 1 {
		t.Fatalf("%d near-duplicate groups, want 1: %+v", len(rep.NearDuplicates), rep.NearDuplicates)
	}
	g := rep.NearDuplicates[0]
	var ids []string
	for _, m := range g.Members {
		ids = append(ids, m.ID)
		if m.Similarity <= 0 || m.Similarity > 1 {
			t.Errorf("member %s similarity %v out of (0, 1]", m.ID, m.Similarity)
		}
	}
	slices.Sort(ids)
	want := []string{"edited", "header-footer", "original", "truncated"}
	if !slices.Equal(ids, want) {
		t.Errorf("group members = %v, want %v", ids, want)
	}
	s := storyOf(rep)
	for _, id := range want {
		if s[id] != s["original"] {
			t.Errorf("copy %s is not in the original's story", id)
		}
	}
	if s["other-call"] == s["original"] {
		t.Errorf("a different call landed in the copies' story")
	}
}

func TestBadRecordsAreReportedAndSkipped(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.jsonl")
	lines := []string{
		`{"id":"a","title":"Earthquake hits the coast","text":"A strong earthquake hit the coast on Monday."}`,
		`{"id":"b","title":"broken" "text":}`,
		`{"title":"no id here","text":"Some text."}`,
		`{"id":"a","title":"Duplicate","text":"Same id again."}`,
		`{"id":"c","title":"Storm","text":"A storm is coming.","extra":{"ignored":true}}`,
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := run(t, DefaultConfig(), path)
	if rep.Counts.Documents != 2 || rep.Counts.Skipped != 3 {
		t.Errorf("counts = %+v, want 2 documents and 3 skipped", rep.Counts)
	}
	var gotLines []int
	for _, e := range rep.Errors {
		if e.File != path {
			t.Errorf("error names file %q, want %q", e.File, path)
		}
		gotLines = append(gotLines, e.Line)
	}
	if !slices.Equal(gotLines, []int{2, 3, 4}) {
		t.Errorf("error lines = %v, want [2 3 4]; errors: %+v", gotLines, rep.Errors)
	}
	if len(storyOf(rep)) != 2 {
		t.Errorf("stories hold %d documents, want 2", len(storyOf(rep)))
	}
}

func TestNothingReadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.jsonl")
	os.WriteFile(path, []byte("not json\n"), 0o644)
	rep, err := Run(context.Background(), DefaultConfig(), []string{path})
	if err != ErrNoDocuments {
		t.Fatalf("err = %v, want ErrNoDocuments", err)
	}
	if rep == nil || len(rep.Errors) != 1 {
		t.Fatalf("report errors = %+v, want the bad line", rep)
	}
}

// results returns the parts of a report that must not vary between runs.
func results(t *testing.T, rep *report.Report) []byte {
	t.Helper()
	b, err := json.Marshal([]any{rep.NearDuplicates, rep.Stories, rep.Counts})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func devCorpus(t *testing.T, name string) string {
	path := filepath.Join("..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("dev corpus %s not found", path)
	}
	return path
}

func TestDeterministicAcrossRunsAndWorkers(t *testing.T) {
	path := devCorpus(t, "ecbplus.jsonl")
	one := DefaultConfig()
	one.Workers = 1
	many := DefaultConfig()
	many.Workers = 4
	a := results(t, run(t, one, path))
	b := results(t, run(t, many, path))
	c := results(t, run(t, many, path))
	if !bytes.Equal(a, b) {
		t.Error("1 and 4 workers give different results")
	}
	if !bytes.Equal(b, c) {
		t.Error("two runs give different results")
	}
}

func TestEveryDocumentInExactlyOneStory(t *testing.T) {
	path := devCorpus(t, "ecbplus.jsonl")
	rep := run(t, DefaultConfig(), path)
	seen := make(map[string]int)
	for _, s := range rep.Stories {
		if s.Size != len(s.Members) {
			t.Errorf("story %s: size %d, %d members", s.ID, s.Size, len(s.Members))
		}
		for _, m := range s.Members {
			seen[m.ID]++
		}
	}
	if len(seen) != 982 || rep.Counts.Documents != 982 {
		t.Errorf("%d documents in stories, counts say %d, want 982", len(seen), rep.Counts.Documents)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("document %s is in %d stories", id, n)
		}
	}
}

func TestGoldenSeedsReport(t *testing.T) {
	rep := run(t, DefaultConfig(), seedsDir)
	rep.Run = report.Run{}
	var b bytes.Buffer
	if err := report.Encode(&b, rep); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "seeds.report.json")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/pipeline -run Golden -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("report differs from %s (if the change is intended, rerun with -update and review the diff):\n%s", golden, b.String())
	}
}

func TestOverlappingExcerptsDoNotChain(t *testing.T) {
	var paras []string
	for _, name := range []string{"000_0317e381cca1c053", "001_cadf0764db4d9e75"} {
		for _, p := range strings.Split(readSeed(t, name), "\n") {
			if len(strings.Fields(p)) >= 25 {
				paras = append(paras, p)
			}
		}
	}
	if len(paras) < 6 {
		t.Fatalf("only %d long paragraphs in the seeds", len(paras))
	}
	// Excerpt i holds paragraphs i, i+1 and i+2: neighbours share two thirds,
	// the first and the last share nothing.
	var recs []map[string]string
	for i := 0; i < 4; i++ {
		recs = append(recs, map[string]string{"id": fmt.Sprint("excerpt-", i), "text": strings.Join(paras[i:i+3], "\n")})
	}
	rep := run(t, DefaultConfig(), writeJSONL(t, t.TempDir(), recs))
	for _, g := range rep.NearDuplicates {
		if len(g.Members) == 4 {
			t.Errorf("a chain of overlapping excerpts became one group: %+v", g)
		}
	}
	if len(rep.NearDuplicates) == 0 {
		t.Errorf("no group among excerpts that share two thirds of their text")
	}
}
