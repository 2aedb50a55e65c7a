// Command mutate enumerates and applies mutants of the Go source of the
// Kubernetes auth method (github.com/hashicorp/vault-plugin-auth-kubernetes).
// Building and testing each mutant is left to the caller (tools/mutation-score). See docs/mutation.md.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// DefaultFiles are the auth method's files that are mutated unless -files says otherwise.
var DefaultFiles = []string{"path_login.go", "path_role.go", "path_config.go", "token_review.go", "backend.go", "caching_file_reader.go"}

// DefaultSkipFuncs are only used by the plugin's unit tests: mutants in them
// cannot change the plugin a server runs.
var DefaultSkipFuncs = []string{"mockTokenReviewFactory", "mockTokenReview.Review"}

const usage = `usage:
  mutate list  -src DIR [-files a.go,b.go] [-ops op1,op2] [-skip-funcs f1,f2] [-summary] [-verify]
  mutate apply -src DIR -out DIR -id ID
operators: ` + "negate-condition, boundary, negate-comparison, logical, remove-statement, remove-early-return, drop-error, constant\n"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "list":
		err = runList(args[1:], stdout, stderr)
	case "apply":
		err = runApply(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "mutate: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "mutate %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mutate "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

func runList(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("list", stderr)
	src := fs.String("src", "", "root of the auth method's source tree")
	files := fs.String("files", strings.Join(DefaultFiles, ","), "comma-separated files (relative to -src) to mutate")
	ops := fs.String("ops", "", "comma-separated operators to keep (default: all)")
	skip := fs.String("skip-funcs", strings.Join(DefaultSkipFuncs, ","), "comma-separated functions (as in the \"function\" field) whose mutants are dropped")
	summary := fs.Bool("summary", false, "also print a table of counts per file and operator to stderr")
	verify := fs.Bool("verify", false, "apply each mutant in memory and check that the file parses and stays gofmt-clean; fail if one does not")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	opts := Options{SkipFuncs: splitList(*skip)}
	if o := splitList(*ops); len(o) > 0 {
		opts.Operators = map[string]bool{}
		for _, op := range o {
			if operatorRank(op) == len(Operators) {
				return fmt.Errorf("unknown operator %q", op)
			}
			opts.Operators[op] = true
		}
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	var all []Mutant
	var names []string
	bad := 0
	for _, name := range splitList(*files) {
		name = filepath.ToSlash(filepath.Clean(name))
		content, err := os.ReadFile(filepath.Join(*src, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		ms, err := Enumerate(name, content, opts)
		if err != nil {
			return err
		}
		if ms == nil {
			if reason := skipReasonOf(name, content); reason != "" {
				fmt.Fprintf(stderr, "mutate list: skipping %s (%s)\n", name, reason)
			}
		}
		names = append(names, name)
		for _, m := range ms {
			if *verify {
				if err := Verify(content, m); err != nil {
					fmt.Fprintln(stderr, err)
					bad++
				}
			}
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
		all = append(all, ms...)
	}
	if *summary {
		fmt.Fprint(stderr, Summary(names, all))
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d mutants failed verification", bad, len(all))
	}
	return nil
}

func runApply(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("apply", stderr)
	src := fs.String("src", "", "root of the auth method's source tree")
	out := fs.String("out", "", "directory to write the mutated copy of the tree to (must not exist or be empty)")
	id := fs.String("id", "", "id of the mutant, as printed by mutate list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" || *out == "" || *id == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	diff, err := Apply(*src, *out, *id)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, diff)
	return err
}
