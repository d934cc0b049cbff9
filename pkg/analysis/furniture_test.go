package analysis

import (
	"strings"
	"testing"
)

func TestIsFurniture(t *testing.T) {
	// "Copyright" and filler to exactly maxFurnitureBytes, and one byte more.
	at := "Copyright " + strings.Repeat("x", maxFurnitureBytes-len("Copyright "))
	over := at + "x"
	tests := []struct {
		line string
		want bool
	}{
		// Furniture by prefix.
		{"Also read | Britishers urged to leave Ukraine", true},
		{"© 2024 Reuters", true},
		{"(c) 2024 The Daily Times", true},
		{"Copyright 2024 Associated Press", true},
		{"All rights reserved.", true},
		{"ALL RIGHTS RESERVED", true},
		{"Subscribe to our newsletter", true},
		{"Leave a comment", true},
		{"Leave a Reply", true},
		{"Read more: the full timeline", true},
		{"Share this article", true},
		{"Follow us on Twitter", true},
		{"Advertisement", true},
		{"Tags: politics, election", true},
		{"Sign up for our daily briefing", true},
		// Leading bullets, quotes and dashes are skipped.
		{"  » Read more: what we know", true},
		{"• Also read: earlier report", true},
		{"— Copyright 2024 AFP", true},
		{"|| Related: election results", true},
		// Furniture by a phrase anywhere in the line.
		{"Reuters 2024. All rights reserved.", true},
		{"This material may not be published, broadcast, rewritten or redistributed.", true},
		{"Don't miss out: subscribe to our newsletter today", true},
		{"Content may not be reproduced without permission", true},
		// Reporting.
		{"", false},
		{"   ", false},
		{"Troops crossed the border early on Tuesday, officials said.", false},
		{"The company said subscribers grew by 8 million in the quarter.", false},
		{"Streaming subscribers rose 5% while advertisement revenue fell.", false},
		{"He said he would read more reports before deciding.", false},
		{"The minister declined to comment on the copyright dispute.", false},
		{"Shares on Wall Street fell for a third day.", false},
		{"Les droits de l'homme sont universels.", false},
		// Length: a long line is reporting whatever its first words.
		{at, true},
		{over, false},
		{"Copyright " + strings.Repeat("law protects authors and their works in court. ", 8), false},
	}
	for _, tt := range tests {
		if got := IsFurniture(tt.line); got != tt.want {
			t.Errorf("IsFurniture(%.60q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestIsFurnitureWordBoundary: a prefix ending in a letter matches the start
// of a longer word too, so a reporting line that begins with "Subscribers",
// "Subscribed" or "Advertisements" is dropped as furniture.
func TestIsFurnitureWordBoundary(t *testing.T) {
	for _, line := range []string{
		"Subscribers to Netflix rose by 8 million in the quarter, the company said.",
		"Advertisements for the drug were banned by the regulator on Monday.",
	} {
		if IsFurniture(line) {
			t.Errorf("IsFurniture(%q) = true, want false", line)
		}
	}
}

func TestIsFurnitureLowerCaseASCIIDoesNotAllocate(t *testing.T) {
	lines := []string{"troops crossed the border early on tuesday.", "all rights reserved.", "read more: x"}
	allocs := testing.AllocsPerRun(100, func() {
		for _, l := range lines {
			IsFurniture(l)
		}
	})
	if allocs != 0 {
		t.Errorf("IsFurniture on lower-case ASCII lines: %v allocations, want 0", allocs)
	}
}

// TestIsFurnitureASCIIDoesNotAllocate: the doc comment says IsFurniture
// "allocates only for lines that are not ASCII", but any line holding an
// upper-case ASCII letter (nearly every line of prose) goes through
// strings.ToLower, which allocates: one allocation per body line analysed.
func TestIsFurnitureASCIIDoesNotAllocate(t *testing.T) {
	lines := []string{"Troops crossed the border early on Tuesday.", "All rights reserved.", "Read more: x"}
	allocs := testing.AllocsPerRun(100, func() {
		for _, l := range lines {
			IsFurniture(l)
		}
	})
	if allocs != 0 {
		t.Errorf("IsFurniture on ASCII lines: %v allocations, want 0", allocs)
	}
}

// isFurnitureSlow is the plain definition: lower-case, then compare, with a
// prefix ending at a word boundary.
func isFurnitureSlow(line string) bool {
	line = strings.TrimLeft(line, " \t»>|*•·-–—:")
	if line == "" || len(line) > maxFurnitureBytes {
		return false
	}
	lower := strings.ToLower(line)
	for _, p := range furniturePrefixes {
		if !strings.HasPrefix(lower, p) {
			continue
		}
		rest := lower[len(p):]
		if last := p[len(p)-1]; last < 'a' || last > 'z' || rest == "" || rest[0] < 'a' || rest[0] > 'z' {
			return true
		}
	}
	for _, p := range furniturePhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

func FuzzIsFurniture(f *testing.F) {
	f.Add("Also read: more")
	f.Add("Sign Up For Our Newsletter")
	f.Add("Subscribers rose")
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := IsFurniture(line), isFurnitureSlow(line); got != want {
			t.Errorf("IsFurniture(%q) = %v, want %v", line, got, want)
		}
	})
}
