package analysis

import (
	"strings"
	"testing"
)

// isFurnitureSlow is the plain definition: lower-case, then compare.
func isFurnitureSlow(line string) bool {
	line = strings.TrimLeft(line, " \t»>|*•·-–—:")
	if line == "" || len(line) > maxFurnitureBytes {
		return false
	}
	lower := strings.ToLower(line)
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(lower, p) {
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

func TestIsFurniture(t *testing.T) {
	lines := []string{
		"", "Also read: the budget", "ALSO READ", "Read More", "© 2024 Example", "Copyright 2024 Example Ltd.",
		"The minister said all rights reserved was a phrase", "This story may not be reproduced without permission.",
		"Sign up for our newsletter today", "SUBSCRIBE to our newsletter", "The council met on Tuesday.",
		"» Share this article", "  - Related: more news", "Related articles", "Tags: politics", "tags",
		"Ünïcode line — All Rights Reserved", "Straße subscribe", "Sign up to", "sign up t",
		strings.Repeat("Copyright ", 40), "follow @example", "Leave a Reply",
	}
	for _, l := range lines {
		if got, want := IsFurniture(l), isFurnitureSlow(l); got != want {
			t.Errorf("IsFurniture(%q) = %v, want %v", l, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { IsFurniture("The Council met on Tuesday to discuss the budget.") }); n != 0 {
		t.Errorf("IsFurniture allocates %v times on an ASCII line", n)
	}
}

func FuzzIsFurniture(f *testing.F) {
	f.Add("Also read: more")
	f.Add("Sign Up For Our Newsletter")
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := IsFurniture(line), isFurnitureSlow(line); got != want {
			t.Errorf("IsFurniture(%q) = %v, want %v", line, got, want)
		}
	})
}
