package main

import (
	"fmt"
	"strings"
)

const diffContext = 3

// UnifiedDiff returns a `diff -u`-style diff of a and b (the old and new
// content of name), or "" if they are equal. It is meant for one contiguous
// change, which is what a mutant is: the lines between the longest common
// prefix and the longest common suffix form a single hunk.
func UnifiedDiff(name string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	start := max(pre-diffContext, 0)
	endX := min(len(x)-suf+diffContext, len(x))
	endY := min(len(y)-suf+diffContext, len(y))

	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", name, name)
	fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(start, endX-start), hunkRange(start, endY-start))
	for _, l := range x[start:pre] {
		writeLine(&sb, " ", l)
	}
	for _, l := range x[pre : len(x)-suf] {
		writeLine(&sb, "-", l)
	}
	for _, l := range y[pre : len(y)-suf] {
		writeLine(&sb, "+", l)
	}
	for _, l := range x[len(x)-suf : endX] {
		writeLine(&sb, " ", l)
	}
	return sb.String()
}

// hunkRange formats a hunk's range as diff -u does: "start,count", just "start"
// for one line, and "start-1,0" (the line before) for none. start is 0-based.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func writeLine(sb *strings.Builder, prefix, line string) {
	sb.WriteString(prefix)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}
