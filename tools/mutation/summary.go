package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
	"text/tabwriter"
)

func skipReasonOf(name string, src []byte) string {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return SkipReason(name, f)
}

// Summary renders counts of mutants per file (rows, in the given order) and
// operator (columns, canonical order), with totals.
func Summary(files []string, ms []Mutant) string {
	count := map[string]map[string]int{}
	perOp := map[string]int{}
	for _, m := range ms {
		if count[m.File] == nil {
			count[m.File] = map[string]int{}
		}
		count[m.File][m.Operator]++
		perOp[m.Operator]++
	}
	var sb strings.Builder
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(w, "file\t")
	for _, op := range Operators {
		fmt.Fprintf(w, "%s\t", op)
	}
	fmt.Fprint(w, "total\t\n")
	for _, f := range files {
		fmt.Fprintf(w, "%s\t", f)
		total := 0
		for _, op := range Operators {
			fmt.Fprintf(w, "%d\t", count[f][op])
			total += count[f][op]
		}
		fmt.Fprintf(w, "%d\t\n", total)
	}
	fmt.Fprint(w, "total\t")
	for _, op := range Operators {
		fmt.Fprintf(w, "%d\t", perOp[op])
	}
	fmt.Fprintf(w, "%d\t\n", len(ms))
	w.Flush()
	return sb.String()
}
