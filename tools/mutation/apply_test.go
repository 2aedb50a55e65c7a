package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/fixture.golden.jsonl from the current output")

const fixture = "testdata/fixture"

func fixtureMutants(t *testing.T) ([]Mutant, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fixture, "login.go"))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Enumerate("login.go", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ms, src
}

// The fixture's listing is pinned: ids, order and texts only change on purpose
// (go test -run Golden -update, then review the diff of the golden file).
func TestFixtureListingGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"list", "-src", fixture, "-files", "login.go", "-verify"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "fixture.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(want) {
		t.Errorf("listing differs from %s (rerun with -update if intended):\n%s", golden, UnifiedDiff(golden, want, stdout.Bytes()))
	}
	ops := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var m Mutant
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %s", line)
		}
		ops[m.Operator] = true
		if m.ID == "" || m.File != "login.go" || m.Line == 0 || m.Col == 0 || m.Function == "" {
			t.Errorf("incomplete: %s", line)
		}
	}
	if len(ops) != len(Operators) {
		t.Errorf("the fixture should exercise every operator, got %v", ops)
	}
}

func TestApplyEveryFixtureMutant(t *testing.T) {
	ms, src := fixtureMutants(t)
	for _, m := range ms {
		out := filepath.Join(t.TempDir(), "out")
		diff, err := Apply(fixture, out, m.ID)
		if err != nil {
			t.Fatalf("%s: %v", m.ID, err)
		}
		mutated, err := os.ReadFile(filepath.Join(out, "login.go"))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Mutate(src, m)
		if !bytes.Equal(mutated, want) {
			t.Errorf("%s: written file is not the mutant", m.ID)
		}
		if diff != UnifiedDiff("login.go", src, mutated) || !strings.HasPrefix(diff, "--- a/login.go\n+++ b/login.go\n@@ ") {
			t.Errorf("%s: unexpected diff:\n%s", m.ID, diff)
		}
		checkOneChange(t, src, m)
		assertSameTree(t, fixture, out, "login.go")
	}
}

// assertSameTree: every file of src is in out with the same content, except
// the one named, and out has nothing else.
func assertSameTree(t *testing.T, src, out, except string) {
	t.Helper()
	seen := 0
	filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Errorf("%s not copied: %v", rel, err)
		} else if (rel == except) == bytes.Equal(a, b) {
			t.Errorf("%s: changed=%v, want changed only for %s", rel, !bytes.Equal(a, b), except)
		}
		seen++
		return nil
	})
	count := 0
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			count++
		}
		return err
	})
	if count != seen {
		t.Errorf("out has %d files, src %d", count, seen)
	}
}

func TestApplyRefusesUnsafeOutput(t *testing.T) {
	ms, _ := fixtureMutants(t)
	id := ms[0].ID
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	if _, err := Apply(fixture, full, id); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a non-empty output directory: %v", err)
	}
	if _, err := Apply(fixture, filepath.Join(fixture, "sub"), id); err == nil || !strings.Contains(err.Error(), "inside the source") {
		t.Errorf("an output inside the source: %v", err)
	}
	empty := t.TempDir()
	if _, err := Apply(fixture, empty, id); err != nil {
		t.Errorf("an existing empty directory is fine: %v", err)
	}
	if _, err := Apply(fixture, filepath.Join(t.TempDir(), "o"), "login.go:1:1:constant:0"); err == nil || !strings.Contains(err.Error(), "no mutant login.go:1:1:constant:0") {
		t.Errorf("an unknown id: %v", err)
	}
}

func TestCopyTreeMakesReadOnlySourcesWritable(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "d"), 0o755)
	os.WriteFile(filepath.Join(src, "d", "a.go"), []byte("package a\n"), 0o444)
	os.Symlink("d/a.go", filepath.Join(src, "link"))
	out := filepath.Join(t.TempDir(), "out")
	if err := CopyTree(src, out); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(out, "d", "a.go"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("copied file: %v %v", info, err)
	}
	if l, err := os.Readlink(filepath.Join(out, "link")); err != nil || l != "d/a.go" {
		t.Errorf("symlink: %q %v", l, err)
	}
}

func TestCLI(t *testing.T) {
	ms, _ := fixtureMutants(t)
	cases := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring
		stderr     string // substring
		setupOutID bool
	}{
		{"no command", nil, 2, "", "usage:", false},
		{"unknown command", []string{"frob"}, 2, "", "unknown command", false},
		{"list without -src", []string{"list"}, 2, "", "usage:", false},
		{"unknown operator", []string{"list", "-src", fixture, "-files", "login.go", "-ops", "nope"}, 1, "", `unknown operator "nope"`, false},
		{"missing file", []string{"list", "-src", fixture, "-files", "nope.go"}, 1, "", "nope.go", false},
		{"summary", []string{"list", "-src", fixture, "-files", "login.go", "-ops", "logical,boundary", "-summary"}, 0, `"operator":"logical"`, "login.go", false},
		{"apply without -id", []string{"apply", "-src", fixture, "-out", "x"}, 2, "", "usage:", false},
		{"apply bad id", []string{"apply", "-src", fixture, "-out", "x", "-id", "login.go:1"}, 1, "", "bad mutant id", false},
		{"apply", []string{"apply", "-src", fixture, "-id", ms[0].ID}, 0, "--- a/login.go\n+++ b/login.go\n", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.setupOutID {
				args = append(args, "-out", filepath.Join(t.TempDir(), "out"))
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, stdout.String(), stderr.String())
			}
		})
	}
}

func TestSummaryCountsPerFileAndOperator(t *testing.T) {
	ms := []Mutant{{File: "a.go", Operator: OpLogical}, {File: "a.go", Operator: OpLogical}, {File: "b.go", Operator: OpConstant}}
	s := Summary([]string{"a.go", "b.go", "c.go"}, ms)
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) != 5 {
		t.Fatalf("want header, 3 files, total; got:\n%s", s)
	}
	fields := func(i int) string { return strings.Join(strings.Fields(lines[i]), " ") }
	for i, want := range []string{
		"file " + strings.Join(Operators, " ") + " total",
		"a.go 0 0 0 2 0 0 0 0 2",
		"b.go 0 0 0 0 0 0 0 1 1",
		"c.go 0 0 0 0 0 0 0 0 0",
		"total 0 0 0 2 0 0 0 1 3",
	} {
		if fields(i) != want {
			t.Errorf("line %d: %q, want %q", i, fields(i), want)
		}
	}
}

func TestListSkipsTestFilesWithANote(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("package a\n\nfunc f() bool { return 1 < 2 }\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"list", "-src", dir, "-files", "a_test.go"}, &stdout, &stderr); code != 0 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "skipping a_test.go (test file)") {
		t.Errorf("exit %d stdout %q stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestUnifiedDiff(t *testing.T) {
	ten := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	cases := []struct {
		name, a, b, want string
	}{
		{"equal", ten, ten, ""},
		{"middle line", ten, strings.Replace(ten, "5\n", "five\n", 1),
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"first line", ten, strings.Replace(ten, "1\n", "one\n", 1),
			"@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"},
		{"three lines to one", ten, strings.Replace(ten, "4\n5\n6\n", "456\n", 1),
			"@@ -1,9 +1,7 @@\n 1\n 2\n 3\n-4\n-5\n-6\n+456\n 7\n 8\n 9\n"},
		{"line removed", "a\nb\n", "a\n", "@@ -1,2 +1 @@\n a\n-b\n"},
		{"into an empty file", "", "a\n", "@@ -0,0 +1 @@\n+a\n"},
		{"no newline at end", "a\nb", "a\nc", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := UnifiedDiff("f", []byte(tc.a), []byte(tc.b))
			want := tc.want
			if want != "" {
				want = "--- a/f\n+++ b/f\n" + want
			}
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if diffU, err := exec.LookPath("diff"); err == nil && tc.want != "" {
				if real := systemDiff(t, diffU, tc.a, tc.b); real != tc.want {
					t.Errorf("diff -u says:\n%s", real)
				}
			}
		})
	}
}

// systemDiff returns diff -u's hunks (without its header lines).
func systemDiff(t *testing.T, diff, a, b string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte(a), 0o644)
	os.WriteFile(filepath.Join(dir, "b"), []byte(b), 0o644)
	out, _ := exec.Command(diff, "-u", filepath.Join(dir, "a"), filepath.Join(dir, "b")).Output()
	lines := strings.SplitAfterN(string(out), "\n", 3)
	if len(lines) < 3 {
		return ""
	}
	return lines[2]
}

// MUTATE_REAL_SRC=/path/to/vault-plugin-auth-kubernetes go test -run RealSource
// checks every mutant of the real files applies cleanly.
func TestRealSource(t *testing.T) {
	dir := os.Getenv("MUTATE_REAL_SRC")
	if dir == "" {
		t.Skip("MUTATE_REAL_SRC not set")
	}
	total := 0
	for _, name := range DefaultFiles {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		ms, err := Enumerate(name, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			checkOneChange(t, src, m)
		}
		total += len(ms)
	}
	t.Logf("%d mutants checked", total)
}
