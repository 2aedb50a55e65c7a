package main

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Splice returns src with the mutant's text replaced.
func Splice(src []byte, m Mutant) []byte {
	out := make([]byte, 0, len(src)+len(m.Mutated))
	out = append(out, src[:m.Start]...)
	out = append(out, m.Mutated...)
	return append(out, src[m.End:]...)
}

// Mutate returns src with the mutant applied. The result must parse. If src
// is gofmt-clean, so is the result: the splice is passed through gofmt, which
// then only changes whitespace next to the mutant (a shorter map key realigns
// its neighbours' values). Line numbers stay as they were unless the mutant
// itself spans lines.
func Mutate(src []byte, m Mutant) ([]byte, error) {
	mutated := Splice(src, m)
	if _, err := parser.ParseFile(token.NewFileSet(), m.File, mutated, parser.ParseComments); err != nil {
		return nil, fmt.Errorf("%s: mutated file does not parse (a bug in the operator): %v", m.ID, err)
	}
	if orig, err := format.Source(src); err != nil || !bytes.Equal(orig, src) {
		return mutated, nil
	}
	formatted, err := format.Source(mutated)
	if err != nil {
		return nil, fmt.Errorf("%s: gofmt: %v", m.ID, err)
	}
	return formatted, nil
}

// Verify checks that the mutant applies (see Mutate) and that gofmt, if it
// had to, changed nothing but spaces and tabs.
func Verify(src []byte, m Mutant) error {
	got, err := Mutate(src, m)
	if err != nil {
		return err
	}
	if spliced := Splice(src, m); stripBlanks(spliced) != stripBlanks(got) {
		return fmt.Errorf("%s: gofmt changed more than whitespace:\n%s", m.ID, UnifiedDiff(m.File, spliced, got))
	}
	return nil
}

func stripBlanks(b []byte) string {
	return strings.NewReplacer(" ", "", "\t", "").Replace(string(b))
}

// ParseID splits file:line:col:operator:index; the file may itself contain colons.
func ParseID(id string) (file string, line, col int, op string, index int, err error) {
	parts := strings.Split(id, ":")
	if len(parts) < 5 {
		return "", 0, 0, "", 0, fmt.Errorf("bad mutant id %q: want file:line:col:operator:index", id)
	}
	n := len(parts)
	file = strings.Join(parts[:n-4], ":")
	line, err1 := strconv.Atoi(parts[n-4])
	col, err2 := strconv.Atoi(parts[n-3])
	index, err3 := strconv.Atoi(parts[n-1])
	op = parts[n-2]
	if file == "" || err1 != nil || err2 != nil || err3 != nil || operatorRank(op) == len(Operators) {
		return "", 0, 0, "", 0, fmt.Errorf("bad mutant id %q: want file:line:col:operator:index", id)
	}
	return file, line, col, op, index, nil
}

// Find enumerates the mutants of the id's file under srcDir and returns the one
// with that id, and the file's content.
func Find(srcDir, id string) (Mutant, []byte, error) {
	file, _, _, _, _, err := ParseID(id)
	if err != nil {
		return Mutant{}, nil, err
	}
	src, err := os.ReadFile(filepath.Join(srcDir, filepath.FromSlash(file)))
	if err != nil {
		return Mutant{}, nil, err
	}
	ms, err := Enumerate(file, src, Options{})
	if err != nil {
		return Mutant{}, nil, err
	}
	for _, m := range ms {
		if m.ID == id {
			return m, src, nil
		}
	}
	return Mutant{}, nil, fmt.Errorf("no mutant %s in %s", id, filepath.Join(srcDir, file))
}

// Apply copies srcDir to outDir (which must not exist or be empty), applies the
// mutant with the given id to the copy and returns a unified diff of the change.
func Apply(srcDir, outDir, id string) (string, error) {
	m, src, err := Find(srcDir, id)
	if err != nil {
		return "", err
	}
	mutated, err := Mutate(src, m)
	if err != nil {
		return "", err
	}
	if err := CopyTree(srcDir, outDir); err != nil {
		return "", err
	}
	target := filepath.Join(outDir, filepath.FromSlash(m.File))
	info, err := os.Stat(target)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(target, mutated, info.Mode().Perm()); err != nil {
		return "", err
	}
	return UnifiedDiff(m.File, src, mutated), nil
}

// CopyTree copies every file and directory under src to dst. dst must not exist
// or be an empty directory, and must not lie inside src. Copies are writable by
// their owner even if the originals are not (the module cache's are read-only).
func CopyTree(src, dst string) error {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	absDst, err := filepath.Abs(dst)
	if err != nil {
		return err
	}
	if absDst == absSrc || strings.HasPrefix(absDst, absSrc+string(filepath.Separator)) {
		return fmt.Errorf("output directory %s lies inside the source %s", dst, src)
	}
	if entries, err := os.ReadDir(dst); err == nil && len(entries) > 0 {
		return fmt.Errorf("output directory %s is not empty", dst)
	} else if err != nil && !os.IsNotExist(err) {
		return err
	}
	return filepath.WalkDir(absSrc, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(absSrc, path)
		if err != nil {
			return err
		}
		target := filepath.Join(absDst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			return copyFile(path, target, info.Mode().Perm()|0o200)
		default:
			return nil // sockets, devices: not part of a source tree
		}
	})
}

func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
