package main

import (
	"go/format"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"
)

// source returns "package p" plus the snippet, gofmt-ed, so snippets may be
// indented with spaces while ids count the tabs gofmt puts there.
func source(t *testing.T, snippet string) []byte {
	t.Helper()
	src, err := format.Source([]byte("package p\n\n" + strings.TrimLeft(snippet, "\n")))
	if err != nil {
		t.Fatalf("snippet does not parse: %v", err)
	}
	return src
}

type want struct{ id, original, mutated string }

func got(ms []Mutant) []want {
	out := []want{}
	for _, m := range ms {
		out = append(out, want{m.ID, m.Original, m.Mutated})
	}
	return out
}

// Each case's snippet starts on line 3 (after "package p" and a blank line).
var operatorCases = []struct {
	name    string
	op      string
	snippet string
	want    []want
}{
	{
		name: "negate-condition: if, for and tagless case; !x loses its !; bare comparisons are left to negate-comparison",
		op:   OpNegateCondition,
		snippet: `
func f(a, b bool, x int) int {
	if a && b {
		return 1
	}
	if !a {
		return 2
	}
	if x > 0 {
		return 3
	}
	for a {
		a = !b
	}
	switch {
	case b:
		return 4
	case x == 1:
		return 5
	}
	if !(a || b) {
		return 6
	}
	return 0
}
`,
		want: []want{
			{"x.go:4:5:negate-condition:0", "a && b", "!(a && b)"},
			{"x.go:7:5:negate-condition:0", "!a", "a"},
			{"x.go:13:6:negate-condition:0", "a", "!a"},
			{"x.go:17:7:negate-condition:0", "b", "!b"},
			{"x.go:22:5:negate-condition:0", "!(a || b)", "a || b"},
		},
	},
	{
		name: "boundary: < <= > >= at the operator's position",
		op:   OpBoundary,
		snippet: `
func f(x, y int) (bool, bool, bool, bool, bool) {
	return x < y, x <= y, x > y, x >= y, x == y
}
`,
		want: []want{
			{"x.go:4:11:boundary:0", "x < y", "x <= y"},
			{"x.go:4:18:boundary:0", "x <= y", "x < y"},
			{"x.go:4:26:boundary:0", "x > y", "x >= y"},
			{"x.go:4:33:boundary:0", "x >= y", "x > y"},
		},
	},
	{
		name: "negate-comparison: == != < <= > >=",
		op:   OpNegateComparison,
		snippet: `
func f(x, y int) (bool, bool, bool, bool, bool, bool) {
	return x == y, x != y, x < y, x <= y, x > y, x >= y
}
`,
		want: []want{
			{"x.go:4:11:negate-comparison:0", "x == y", "x != y"},
			{"x.go:4:19:negate-comparison:0", "x != y", "x == y"},
			{"x.go:4:27:negate-comparison:0", "x < y", "x >= y"},
			{"x.go:4:34:negate-comparison:0", "x <= y", "x > y"},
			{"x.go:4:42:negate-comparison:0", "x > y", "x <= y"},
			{"x.go:4:49:negate-comparison:0", "x >= y", "x < y"},
		},
	},
	{
		name: "logical: && <-> ||, parenthesised where the new operator would regroup its neighbours",
		op:   OpLogical,
		snippet: `
func f(a, b, c bool) (bool, bool, bool) {
	return a && b, a && b && c, a || b && c
}
`,
		want: []want{
			{"x.go:4:11:logical:0", "a && b", "a || b"},
			{"x.go:4:19:logical:0", "a && b", "(a || b)"},
			{"x.go:4:24:logical:0", "a && b && c", "a && b || c"},
			{"x.go:4:32:logical:0", "a || b && c", "a && (b && c)"},
			{"x.go:4:37:logical:0", "b && c", "(b || c)"},
		},
	},
	{
		name: "remove-statement: calls and plain assignments, not :=, op=, blank assignments or log calls; variables read only there stay used",
		op:   OpRemoveStatement,
		snippet: `
type T struct{ n int }

func g() int { return 1 }

func f(t *T, m map[string]int, b *B) {
	g()
	t.n = 2
	x := 3
	x = 4
	_ = x
	t.n += 1
	m["k"] = g() // why
	defer func() { g() }()
	_, _ = x, x
	b.Logger().Info("removed: no")
}

func h(m map[string]int) (err error) {
	c, ok := m["c"]
	_ = ok
	err = use(c)
	for k, v := range m {
		m[k] = v
	}
	return err
}
`,
		want: []want{
			{"x.go:8:2:remove-statement:0", "g()", removedLine},
			{"x.go:9:2:remove-statement:0", "t.n = 2", removedLine},
			{"x.go:11:2:remove-statement:0", "x = 4", removedLine},
			{"x.go:14:2:remove-statement:0", `m["k"] = g()`, removedLine},
			{"x.go:15:17:remove-statement:0", "g()", removedInline},
			{"x.go:23:2:remove-statement:0", "err = use(c)", "_ = c " + removedLine},
			{"x.go:25:3:remove-statement:0", "m[k] = v", "_, _ = k, v " + removedLine},
		},
	},
	{
		name: "remove-early-return: bodies ending in return are emptied; variables read only there stay used",
		op:   OpRemoveEarlyReturn,
		snippet: `
func f(x int, m map[string]int) (int, error) {
	if x > 0 {
		x++
		return x, nil
	}
	if v, ok := m["a"]; ok {
		return v, nil
	}
	if v, ok := m["b"]; ok {
		return v, nil
	} else if v > 1 {
		x = v
	}
	if x < 0 {
		x = 0
	}
	y := x * 2
	if x > 10 {
		return y, nil
	}
	return x, nil
}
`,
		want: []want{
			{"x.go:4:2:remove-early-return:0", "{\n\t\tx++\n\t\treturn x, nil\n\t}", "{\n\t}"},
			{"x.go:8:2:remove-early-return:0", "{\n\t\treturn v, nil\n\t}", "{\n\t\t_ = v\n\t}"},
			{"x.go:11:2:remove-early-return:0", "{\n\t\treturn v, nil\n\t}", "{\n\t}"},
			{"x.go:20:2:remove-early-return:0", "{\n\t\treturn y, nil\n\t}", "{\n\t\t_ = y\n\t}"},
		},
	},
	{
		name: "drop-error: err, errX, pkg.ErrX and error constructors in any result become nil",
		op:   OpDropError,
		snippet: `
func f(err error) (interface{}, error) {
	if err != nil {
		return nil, err
	}
	switch {
	case err == io.EOF:
		return nil, errBad
	case err == nil:
		return nil, logical.ErrPermissionDenied
	}
	if err == nil {
		return logical.ErrorResponse("missing"), nil
	}
	if err != nil {
		return nil, logical.CodedError(403, err.Error())
	}
	if err == nil {
		return nil, errors.New("x")
	}
	return errorsX, fmt.Errorf("y: %w", err)
}

func g(e error) error { return e }
`,
		want: []want{
			{"x.go:5:15:drop-error:0", "err", "nil"},
			{"x.go:9:15:drop-error:0", "errBad", "nil"},
			{"x.go:11:15:drop-error:0", "logical.ErrPermissionDenied", "nil"},
			{"x.go:14:10:drop-error:0", `logical.ErrorResponse("missing")`, "nil"},
			{"x.go:17:15:drop-error:0", "logical.CodedError(403, err.Error())", "nil"},
			{"x.go:20:15:drop-error:0", `errors.New("x")`, "nil"},
			{"x.go:22:18:drop-error:0", `fmt.Errorf("y: %w", err)`, "nil"},
		},
	},
	{
		name: "constant: strings to \"\", n to n+1, true <-> false; not help text, tags, array lengths, descriptions, log calls",
		op:   OpConstant,
		snippet: `
const prefix = "role/"

const pathHelpDesc = ` + "`Help text.`" + `

var n = 0x1f

type T struct {
	Name string ` + "`json:\"name\"`" + `
}

func f(t T) (string, int, bool) {
	var a [2]int
	s := strings.Repeat("ab", 3)
	p := &Path{Description: "d", HelpSynopsis: "h", Pattern: "p$"}
	logger.Debug("msg", "k", 1)
	b.Logger().Warn("w")
	return s + "" + p.Pattern, a[0] + 10, !true
}
`,
		want: []want{
			{"x.go:3:16:constant:0", `"role/"`, `""`},
			{"x.go:7:9:constant:0", "0x1f", "0x20"},
			{"x.go:15:22:constant:0", `"ab"`, `""`},
			{"x.go:15:28:constant:0", "3", "4"},
			{"x.go:16:59:constant:0", `"p$"`, `""`},
			{"x.go:19:31:constant:0", "0", "1"},
			{"x.go:19:36:constant:0", "10", "11"},
			{"x.go:19:41:constant:0", "true", "false"},
		},
	},
}

func TestOperators(t *testing.T) {
	for _, tc := range operatorCases {
		t.Run(tc.op, func(t *testing.T) {
			src := source(t, tc.snippet)
			ms, err := Enumerate("x.go", src, Options{Operators: map[string]bool{tc.op: true}})
			if err != nil {
				t.Fatal(err)
			}
			if g := got(ms); !reflect.DeepEqual(g, tc.want) {
				t.Errorf("%s\n got: %q\nwant: %q", tc.name, g, tc.want)
			}
			for _, m := range ms {
				checkOneChange(t, src, m)
			}
		})
	}
}

// checkOneChange applies m and checks the result parses, is gofmt-clean, and
// differs from src only by m (gofmt may realign whitespace around it).
func checkOneChange(t *testing.T, src []byte, m Mutant) {
	t.Helper()
	if err := Verify(src, m); err != nil {
		t.Error(err)
		return
	}
	out, err := Mutate(src, m)
	if err != nil {
		t.Error(err)
		return
	}
	if _, err := parser.ParseFile(token.NewFileSet(), m.File, out, 0); err != nil {
		t.Errorf("%s: result does not parse: %v", m.ID, err)
	}
	if f, _ := format.Source(out); string(f) != string(out) {
		t.Errorf("%s: result is not gofmt-clean", m.ID)
	}
	if string(src[m.Start:m.End]) != m.Original || m.Original == m.Mutated {
		t.Errorf("%s: offsets %d:%d do not hold %q, or nothing changes", m.ID, m.Start, m.End, m.Original)
	}
	want := string(src[:m.Start]) + m.Mutated + string(src[m.End:])
	if stripBlanks([]byte(want)) != stripBlanks(out) {
		t.Errorf("%s: result is not the source with exactly this change:\n%s", m.ID, UnifiedDiff(m.File, []byte(want), out))
	}
	if d := UnifiedDiff(m.File, src, out); strings.Count(d, "\n@@ ") != 1 {
		t.Errorf("%s: want one hunk, got:\n%s", m.ID, d)
	}
}

func TestSkippedCode(t *testing.T) {
	cases := []struct {
		name, file, src string
		want            []string // originals of the mutants that remain
	}{
		{"init", "a.go", "package p\n\nfunc init() {\n\tx = 1 + 2\n\tif x > 1 {\n\t\treturn\n\t}\n}\n", nil},
		{"the plugin's main", "main.go", "package main\n\nfunc main() {\n\tif run(\"x\") != nil {\n\t\tos.Exit(1)\n\t}\n}\n", nil},
		{"test file", "a_test.go", "package p\n\nfunc f() bool { return 1 > 2 }\n", nil},
		{"generated file", "a.go", "// Code generated by stringer. DO NOT EDIT.\n\npackage p\n\nfunc f() bool { return 1 > 2 }\n", nil},
		{"imports, types, help text", "a.go", "package p\n\nimport \"fmt\"\n\nconst confHelpSyn = `x`\n\nvar roleHelp = map[string][2]string{\"a\": {\"b\", \"c\"}}\n\ntype T struct {\n\tA [3]int `json:\"a\"`\n}\n", nil},
		{"log calls", "a.go", "package p\n\nfunc f() {\n\tb.Logger().Debug(\"x\", \"n\", 1 > 2, true)\n\tlogger.Trace(fmt.Sprintf(\"%d\", 3))\n\tb.log.Error(\"e\")\n\thclog.L().Info(\"i\")\n}\n", nil},
		{"path help and UI metadata", "a.go", "package p\n\nfunc f() *Path {\n\treturn &Path{\n\t\tHelpSynopsis:    strings.TrimSpace(help[\"r\"][0]),\n\t\tHelpDescription: \"d\",\n\t\tDisplayAttrs:    &DisplayAttributes{Navigation: true, ItemType: \"Role\"},\n\t\tFields: map[string]*FieldSchema{\"f\": {Description: fmt.Sprintf(\"%q\", 1)}},\n\t}\n}\n", []string{`"f"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := Enumerate(tc.file, []byte(tc.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var originals []string
			for _, m := range ms {
				originals = append(originals, m.Original)
			}
			if !reflect.DeepEqual(originals, tc.want) {
				t.Errorf("got %q, want %q", got(ms), tc.want)
			}
		})
	}
}

func TestMainOutsidePackageMainAndErrorMethodAreMutated(t *testing.T) {
	src := "package p\n\nfunc main() {\n\tg(err.Error())\n}\n"
	ms, err := Enumerate("a.go", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Operator != OpRemoveStatement {
		t.Errorf("want the call removed (err.Error is no log call), got %q", got(ms))
	}
}

func TestFunctionNames(t *testing.T) {
	src := source(t, `
type B struct{}

func (b *B) m() {
	f := func() {
		g := func() { h(1) }
		g()
	}
	k := func() { h(2) }
	f()
	k()
}

func (l List[T]) n() { h(3) }

var v = func() int { return 4 }
`)
	ms, err := Enumerate("x.go", src, Options{Operators: map[string]bool{OpConstant: true}})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.Original] = m.Function
	}
	want := map[string]string{"1": "B.m.func1.1", "2": "B.m.func2", "3": "List.n", "4": "var v.func1"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
}

func TestOptions(t *testing.T) {
	src := source(t, `
func keep() bool { return 1 < 2 }

func mock() bool { return 1 < 2 }

func (m *mockReview) Review() func() bool { return func() bool { return 1 < 2 } }
`)
	all, _ := Enumerate("x.go", src, Options{})
	some, _ := Enumerate("x.go", src, Options{SkipFuncs: []string{"mock", "mockReview.Review"}, Operators: map[string]bool{OpBoundary: true}})
	if len(all) != 12 {
		t.Errorf("want 12 mutants in all, got %d: %q", len(all), got(all))
	}
	if len(some) != 1 || some[0].Function != "keep" || some[0].Operator != OpBoundary {
		t.Errorf("want only keep's boundary mutant, got %q", got(some))
	}
	// Filters drop mutants, they never renumber the rest.
	for _, m := range some {
		if !containsID(all, m.ID) {
			t.Errorf("%s is not among the unfiltered ids", m.ID)
		}
	}
}

func containsID(ms []Mutant, id string) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

func TestAssignIDsNumbersSharedPositions(t *testing.T) {
	ms := assignIDs([]Mutant{
		{File: "a.go", Line: 2, Col: 1, Operator: OpConstant, Mutated: "first"},
		{File: "a.go", Line: 1, Col: 5, Operator: OpConstant},
		{File: "a.go", Line: 2, Col: 1, Operator: OpConstant, Mutated: "second"},
		{File: "a.go", Line: 2, Col: 1, Operator: OpNegateCondition},
	})
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID+"="+m.Mutated)
	}
	want := []string{"a.go:1:5:constant:0=", "a.go:2:1:negate-condition:0=", "a.go:2:1:constant:0=first", "a.go:2:1:constant:1=second"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("got %q, want %q", ids, want)
	}
}

func TestIDsAreStableUniqueAndParse(t *testing.T) {
	for _, tc := range operatorCases {
		src := source(t, tc.snippet)
		a, err := Enumerate("dir/x.go", src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Enumerate("dir/x.go", src, Options{})
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two listings differ", tc.op)
		}
		seen := map[string]bool{}
		for _, m := range a {
			if seen[m.ID] {
				t.Errorf("duplicate id %s", m.ID)
			}
			seen[m.ID] = true
			file, line, col, op, index, err := ParseID(m.ID)
			if err != nil || file != "dir/x.go" || line != m.Line || col != m.Col || op != m.Operator || index != 0 {
				t.Errorf("ParseID(%s) = %s %d %d %s %d %v", m.ID, file, line, col, op, index, err)
			}
			checkOneChange(t, src, m)
		}
	}
}

func TestParseIDRejects(t *testing.T) {
	for _, id := range []string{"", "a.go", "a.go:1:2:constant", "a.go:x:2:constant:0", "a.go:1:2:no-such-op:0", ":1:2:constant:0", "a.go:1:2:constant:z"} {
		if _, _, _, _, _, err := ParseID(id); err == nil {
			t.Errorf("ParseID(%q) accepted", id)
		}
	}
	if f, _, _, _, _, err := ParseID("c:/x/a.go:1:2:constant:0"); err != nil || f != "c:/x/a.go" {
		t.Errorf("a file with colons: %q %v", f, err)
	}
}
