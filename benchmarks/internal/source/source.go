// Package source loads the real news text that the benchmark corpus
// generators are built from, grouped by gold story.
//
// The data directory holds three JSONL files of labelled articles
// ({"id","title","text","published","url","source","story"}): ecbplus.jsonl
// (full articles, tokenised with spaces around punctuation, one sentence a
// line, ECB+ pages starting with their URL, headline and date lines),
// allsides.jsonl (lead paragraphs with their headlines) and
// uci-headlines.jsonl (headlines only, with publisher and URL). Load reads
// them in that fixed order and returns:
//
//   - every article with its headline and body sentences, detokenised, with
//     the URL and date lines of ECB+ pages removed (the headline line
//     becomes the title);
//   - every gold story with its distinct headlines, its clean sentences
//     (5–80 words, ending in terminal punctuation, no URLs, not shouting)
//     and the name-like tokens found in them;
//   - the publishers named in records with a URL (the headline corpus),
//     with their web hosts;
//   - the corpus-wide list of names and of lower-case words.
//
// Nothing is random and nothing depends on map order, so a generator that
// seeds its own random source from a flag gets the same corpus every run.
// The data is read at run time and never copied anywhere.
package source

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Files are the corpus files Load reads, in order, from the data directory.
var Files = []string{"ecbplus.jsonl", "allsides.jsonl", "uci-headlines.jsonl"}

// Article is one real article.
type Article struct {
	ID        string
	Corpus    string   // file name without .jsonl
	Story     string   // Corpus + "/" + gold story label
	Title     string   // headline; empty when the corpus has none
	Sentences []string // body sentences in order; empty for headlines
}

// Words returns the number of words in the article body.
func (a *Article) Words() int {
	n := 0
	for _, s := range a.Sentences {
		n += Words(s)
	}
	return n
}

// Story is one gold story with the real text its articles contain.
type Story struct {
	ID        string // Corpus + "/" + gold story label
	Corpus    string
	Articles  int      // number of articles labelled with the story
	Titles    []string // distinct headlines
	Sentences []string // distinct clean sentences, in article order
	Names     []string // name-like tokens, most frequent in the story first
}

// Publisher is a news source of the headline corpus.
type Publisher struct {
	Name  string
	Host  string // web host of its most frequent URL host; may be empty
	Count int    // articles from it
}

// Data is everything Load returns.
type Data struct {
	Articles   []Article
	Stories    []*Story // in order of first appearance
	Publishers []Publisher
	Names      []string // name-like tokens, most frequent first
	Vocab      []string // lower-case words of the sentences, most frequent first

	nameCount map[string]int
}

// record is one line of a corpus file.
type record struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	URL    string `json:"url"`
	Source string `json:"source"`
	Story  string `json:"story"`
}

// Load reads the corpus files in dir.
func Load(dir string) (*Data, error) {
	d := &Data{}
	pubs := newPublishers()
	for _, f := range Files {
		corpus := strings.TrimSuffix(f, ".jsonl")
		err := readJSONL(filepath.Join(dir, f), func(r *record) {
			d.Articles = append(d.Articles, makeArticle(corpus, r))
			if r.URL != "" {
				pubs.add(r.Source, r.URL)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	d.Publishers = pubs.list()
	d.groupStories()
	d.findNames()
	return d, nil
}

// readJSONL calls fn for each record of the file.
func readJSONL(path string, fn func(*record)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("source: %s:%d: %w", path, line, err)
		}
		fn(&r)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("source: reading %s: %w", path, err)
	}
	return nil
}

// makeArticle turns a record into an Article.
func makeArticle(corpus string, r *record) Article {
	a := Article{ID: r.ID, Corpus: corpus, Story: corpus + "/" + r.Story, Title: strings.TrimSpace(r.Title)}
	if corpus != "ecbplus" {
		a.Sentences = SplitSentences(detokenizeIfSpaced(r.Text))
		return a
	}
	title, body := parseECB(r.Text)
	if a.Title == "" {
		a.Title = title
	}
	for _, s := range SplitSentences(strings.Join(body, "\n")) {
		if !isMeta(s) && !hasURL(s) {
			a.Sentences = append(a.Sentences, s)
		}
	}
	return a
}

// detokenizeIfSpaced detokenises the lines of a text that has spaces
// before its commas or periods, as some records of untokenised corpora do.
func detokenizeIfSpaced(text string) string {
	if !strings.Contains(text, " , ") && !strings.Contains(text, " . ") && !strings.HasSuffix(text, " .") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = Detokenize(l)
	}
	return strings.Join(lines, "\n")
}

// groupStories builds d.Stories from d.Articles.
func (d *Data) groupStories() {
	byID := map[string]*Story{}
	seenT := map[string]bool{}
	seenS := map[string]bool{}
	for i := range d.Articles {
		a := &d.Articles[i]
		st := byID[a.Story]
		if st == nil {
			st = &Story{ID: a.Story, Corpus: a.Corpus}
			byID[a.Story] = st
			d.Stories = append(d.Stories, st)
		}
		st.Articles++
		if t := a.Title; t != "" && !seenT[st.ID+"\x00"+t] {
			seenT[st.ID+"\x00"+t] = true
			st.Titles = append(st.Titles, t)
		}
		for _, s := range a.Sentences {
			if Clean(s) && !seenS[st.ID+"\x00"+s] {
				seenS[st.ID+"\x00"+s] = true
				st.Sentences = append(st.Sentences, s)
			}
		}
	}
}

// publishers counts articles and URL hosts per publisher name.
type publishers struct {
	order []string
	count map[string]int
	hosts map[string]map[string]int
}

func newPublishers() *publishers {
	return &publishers{count: map[string]int{}, hosts: map[string]map[string]int{}}
}

func (p *publishers) add(name, rawURL string) {
	name = strings.TrimSpace(strings.ReplaceAll(name, `\`, ""))
	if name == "" {
		return
	}
	if p.count[name] == 0 {
		p.order = append(p.order, name)
		p.hosts[name] = map[string]int{}
	}
	p.count[name]++
	if u, err := url.Parse(strings.ReplaceAll(rawURL, `\`, "")); err == nil && u.Host != "" {
		p.hosts[name][u.Host]++
	}
}

// list returns the publishers, most articles first, ties by name.
func (p *publishers) list() []Publisher {
	out := make([]Publisher, 0, len(p.order))
	for _, name := range p.order {
		out = append(out, Publisher{Name: name, Host: top(p.hosts[name]), Count: p.count[name]})
	}
	slices.SortFunc(out, func(a, b Publisher) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// DefaultDir is where the corpora are, relative to the repository root.
const DefaultDir = "../shared/data"

// FindDir returns DefaultDir resolved against the module root above dir
// (the nearest directory holding go.mod), and whether it exists. Tests use
// it to find the data from their package directory.
func FindDir(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			data := filepath.Join(dir, DefaultDir)
			fi, err := os.Stat(data)
			return data, err == nil && fi.IsDir()
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
