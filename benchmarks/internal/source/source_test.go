package source

import (
	"strings"
	"sync"
	"testing"
)

var (
	loadOnce sync.Once
	loaded   *Data
	loadErr  error
)

// testData loads the corpora once, or skips the test when they are absent.
func testData(t *testing.T) *Data {
	t.Helper()
	dir, ok := FindDir(".")
	if !ok {
		t.Skip("no data directory at", DefaultDir, "from the module root")
	}
	loadOnce.Do(func() { loaded, loadErr = Load(dir) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func TestLoad(t *testing.T) {
	d := testData(t)
	if len(d.Articles) == 0 || len(d.Stories) == 0 || len(d.Names) == 0 || len(d.Publishers) == 0 || len(d.Vocab) == 0 {
		t.Fatalf("empty load: %d articles, %d stories, %d names, %d publishers, %d words",
			len(d.Articles), len(d.Stories), len(d.Names), len(d.Publishers), len(d.Vocab))
	}
	sentences := 0
	for _, st := range d.Stories {
		sentences += len(st.Sentences)
		for _, s := range st.Sentences {
			if !Clean(s) || strings.Contains(s, " ,") || strings.Contains(s, "``") {
				t.Fatalf("story %s: unclean sentence %q", st.ID, s)
			}
		}
	}
	if sentences < 1000 {
		t.Errorf("only %d sentences", sentences)
	}
	for _, n := range []string{"Trump", "Lohan"} {
		if !d.IsName(n) {
			t.Errorf("%q is not a name", n)
		}
	}
	for _, n := range []string{"The", "Monday", "President", "However"} {
		if d.IsName(n) {
			t.Errorf("%q is a name", n)
		}
	}
}

func TestLoadECBHeader(t *testing.T) {
	d := testData(t)
	for _, a := range d.Articles {
		if a.ID != "1_10ecbplus" {
			continue
		}
		if a.Title != "Lindsay Lohan checks into Betty Ford Center" {
			t.Errorf("title %q", a.Title)
		}
		if len(a.Sentences) == 0 || strings.HasPrefix(a.Sentences[0], "May") || strings.Contains(a.Sentences[0], "http") {
			t.Errorf("header left in body: %q", a.Sentences)
		}
		return
	}
	t.Skip("article 1_10ecbplus not in the data")
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty directory succeeded")
	}
}
