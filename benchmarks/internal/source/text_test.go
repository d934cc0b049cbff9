package source

import (
	"slices"
	"testing"
)

func TestDetokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"word , word 's end .", "word, word's end."},
		{"`` We appreciate it , '' the rep said .", `"We appreciate it," the rep said.`},
		{"He is n't here ; ca n't stay !", "He isn't here; can't stay!"},
		{"a 90 - day stay at 4 : 00 p . m . today", "a 90-day stay at 4:00 p.m. today"},
		{"$ 1 million ( about 4 . 6 % ) in 4 , 051 yards", "$1 million (about 4.6%) in 4,051 yards"},
		{`" At the time , it was a brick , " he said`, `"At the time, it was a brick," he said`},
		{"Lohan ’ s lawyer and the Nationals ' offer", "Lohan’s lawyer and the Nationals' offer"},
		{"home - - a waiting game . . .", "home -- a waiting game..."},
		{"the ``bagman'' who paid", `the "bagman" who paid`},
		{"05 / 02 / 2013", "05/02/2013"},
	}
	for _, tt := range tests {
		if got := Detokenize(tt.in); got != tt.want {
			t.Errorf("Detokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One thing. Two things! Three?", []string{"One thing.", "Two things!", "Three?"}},
		{"Sen. Rand Paul met John F. Kennedy Jr. at 9 p.m. Then he left.",
			[]string{"Sen. Rand Paul met John F. Kennedy Jr. at 9 p.m. Then he left."}},
		{`He said "it's over." Then silence.`, []string{`He said "it's over."`, "Then silence."}},
		{"It cost 4.6 million. Next line.", []string{"It cost 4.6 million.", "Next line."}},
		{"Called at 9:40 p.m.\nFriday night.\nNew line here.", []string{"Called at 9:40 p.m. Friday night.", "New line here."}},
		{"A sentence that breaks\nin the middle.", []string{"A sentence that breaks in the middle."}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SplitSentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The quake, which struck at dawn, killed two.", "The quake, which struck at dawn, killed two"},
		{"In the end the council, after hours, voted.", "In the end the council"},
		{"Officials in the capital said on Monday that the old bridge would close for good.", "Officials in the capital said on Monday that the old bridge would"},
		{`"we will win," she said.`, "We will win"},
	}
	for _, tt := range tests {
		if got := Headline(tt.in, 12); got != tt.want {
			t.Errorf("Headline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScanWords(t *testing.T) {
	s := "T-Mobile's chief met O'Brien, twice."
	var got []string
	ScanWords(s, func(a, b int) { got = append(got, s[a:b]) })
	want := []string{"T-Mobile", "s", "chief", "met", "O'Brien", "twice"}
	if !slices.Equal(got, want) {
		t.Errorf("ScanWords = %q, want %q", got, want)
	}
}

func TestClean(t *testing.T) {
	for s, want := range map[string]bool{
		"The council approved the plan on Tuesday.": true,
		"Short one.":                                 false,
		"May 3, 2013 at 7:31 AM ET":                  false,
		"Read it at http://example.com/x today now.": false,
		"THE COUNCIL APPROVED THE PLAN ON TUESDAY.":  false,
		"the council approved the plan on Tuesday.":  false,
	} {
		if got := Clean(s); got != want {
			t.Errorf("Clean(%q) = %v, want %v", s, got, want)
		}
	}
}
