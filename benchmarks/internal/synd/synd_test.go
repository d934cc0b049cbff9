package synd

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const sample = "The council met on Tuesday. It voted to close the old bridge for repairs.\n\n" +
	"Engineers had warned of cracks in two of its piers. The work will take a year and cost $4.6 million.\n\n" +
	"Drivers will be sent over the new ring road. Shops near the bridge fear lost trade.\n\n" +
	"The mayor said the city had no choice. \"Safety comes first,\" she said."

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 7)) }

func TestTruncate(t *testing.T) {
	total := countWords(sample)
	for _, frac := range []float64{0.6, 0.7, 0.75, 0.8, 0.9} {
		got := Truncate(sample, frac)
		if !strings.HasPrefix(sample, got) {
			t.Fatalf("Truncate(%v) is not a prefix: %q", frac, got)
		}
		n, limit := countWords(got), int(frac*float64(total))
		if n > limit || (limit-n)*10 > total {
			t.Errorf("Truncate(%v) kept %d of %d words, want %d minus at most a tenth", frac, n, total, limit)
		}
	}
	if got := Truncate(sample, 1); got != sample {
		t.Error("Truncate(1) changed the text")
	}
	if got := Truncate("Gov. Smith spoke. Then he left the room quickly.", 0.25); got != "Gov. Smith" {
		t.Errorf("Truncate cut after an abbreviation: %q", got)
	}
}

func TestEditWords(t *testing.T) {
	vocab := []string{"apple", "river", "window"}
	a := EditWords(rng(1), sample, 0.04, vocab)
	if a != EditWords(rng(1), sample, 0.04, vocab) {
		t.Fatal("same seed, different edits")
	}
	if a == sample {
		t.Fatal("no word changed")
	}
	if got, want := strings.Count(a, ParaSep), strings.Count(sample, ParaSep); got != want {
		t.Errorf("%d paragraph breaks, want %d", got, want)
	}
	if d := countWords(a) - countWords(sample); d < -2 || d > 2 {
		t.Errorf("word count changed by %d with 2 edits", d)
	}
	if got := replaceCore(`"Bridge,`, "apple"); got != `"Apple,` {
		t.Errorf("replaceCore = %q", got)
	}
}

func TestDropInsert(t *testing.T) {
	for seed := range uint64(20) {
		got := DropParagraph(rng(seed), sample)
		if got == sample || !strings.HasPrefix(got, "The council met on Tuesday.") {
			t.Fatalf("DropParagraph dropped nothing or the lead: %q", got)
		}
		if countWords(sample)-countWords(got) > countWords(sample)/4 {
			t.Fatalf("DropParagraph dropped more than a quarter: %q", got)
		}
	}
	short := "Only one sentence here, and it stays."
	if got := DropParagraph(rng(1), short); got != short {
		t.Errorf("DropParagraph of one sentence = %q", got)
	}
	got := InsertParagraph(rng(1), sample, "Inserted.")
	if strings.Count(got, ParaSep) != strings.Count(sample, ParaSep)+1 || !strings.Contains(got, ParaSep+"Inserted.") {
		t.Errorf("InsertParagraph = %q", got)
	}
}

func TestRetitle(t *testing.T) {
	title := "Council votes to close old bridge"
	for seed := range uint64(50) {
		got := Retitle(rng(seed), title, "Daily News", []string{title, "Bridge to shut for a year"})
		if got == title || got == "" {
			t.Fatalf("Retitle kept the title: %q", got)
		}
	}
}

func TestCopy(t *testing.T) {
	o := Options{Source: "Daily News", Time: time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC), Vocab: []string{"river"}, DropOrInsert: true, Insert: "Other news."}
	t1, x1 := Copy(rng(3), "Council votes", sample, o)
	t2, x2 := Copy(rng(3), "Council votes", sample, o)
	if t1 != t2 || x1 != x2 {
		t.Fatal("same seed, different copies")
	}
	if x1 == sample || t1 == "Council votes" {
		t.Error("copy equals the original")
	}
	for _, l := range strings.Split(Header(rng(1), "Daily News", o.Time)+"\n"+Footer(rng(1), "Daily News", "", o.Time), "\n") {
		if strings.Contains(l, "{") {
			t.Errorf("unfilled template: %q", l)
		}
	}
}
