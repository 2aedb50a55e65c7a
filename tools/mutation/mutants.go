package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Operators, in the order used to sort mutants that share a position.
const (
	OpNegateCondition   = "negate-condition"
	OpBoundary          = "boundary"
	OpNegateComparison  = "negate-comparison"
	OpLogical           = "logical"
	OpRemoveStatement   = "remove-statement"
	OpRemoveEarlyReturn = "remove-early-return"
	OpDropError         = "drop-error"
	OpConstant          = "constant"
)

// Operators lists every operator in its canonical order.
var Operators = []string{
	OpNegateCondition, OpBoundary, OpNegateComparison, OpLogical,
	OpRemoveStatement, OpRemoveEarlyReturn, OpDropError, OpConstant,
}

func operatorRank(op string) int {
	for i, o := range Operators {
		if o == op {
			return i
		}
	}
	return len(Operators)
}

// Mutant is one change to one file. Start and End are the byte offsets of the
// replaced text (Original) in the file; Mutated replaces it.
type Mutant struct {
	ID       string `json:"id"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Operator string `json:"operator"`
	Original string `json:"original"`
	Mutated  string `json:"mutated"`
	Function string `json:"function"`

	Start int `json:"-"`
	End   int `json:"-"`
}

// removedLine replaces a statement that sits on its own line(s); removedInline
// one that shares its line with other code (a one-line func literal). Both keep
// the file gofmt-clean and are, for the compiler, no statement at all. They
// may be preceded by `_ = v` for variables the statement alone read.
const (
	removedLine   = "// mutant: statement removed"
	removedInline = "/* mutant: statement removed */"
)

// Keys of composite-literal elements whose values are help text or UI/OpenAPI
// metadata: nothing in them changes what the auth method does.
var skipKeys = map[string]bool{
	"Description":     true,
	"HelpSynopsis":    true,
	"HelpDescription": true,
	"DisplayAttrs":    true,
}

// Package-level constants and variables with such names hold help text.
var helpName = regexp.MustCompile(`(?i)help|synopsis|desc`)

// Methods that write a log line, when called on something that looks like a logger.
var logMethods = map[string]bool{"Trace": true, "Debug": true, "Info": true, "Warn": true, "Error": true}

// Calls whose result is an error (or an error response) for drop-error.
var errorConstructors = map[string]bool{
	"fmt.Errorf":            true,
	"errors.New":            true,
	"logical.ErrorResponse": true,
	"logical.CodedError":    true,
}

// Options restrict what Enumerate reports. The zero value reports everything.
type Options struct {
	// Operators, if non-empty, keeps only these operators.
	Operators map[string]bool
	// SkipFuncs drops mutants in these functions (names as in Mutant.Function)
	// and in the closures inside them.
	SkipFuncs []string
}

func (o Options) keep(m Mutant) bool {
	if len(o.Operators) > 0 && !o.Operators[m.Operator] {
		return false
	}
	for _, f := range o.SkipFuncs {
		if f != "" && (m.Function == f || strings.HasPrefix(m.Function, f+".")) {
			return false
		}
	}
	return true
}

// SkipReason says why a whole file yields no mutants, or "" if it is mutated.
func SkipReason(name string, f *ast.File) string {
	if strings.HasSuffix(name, "_test.go") {
		return "test file"
	}
	if ast.IsGenerated(f) {
		return "generated file"
	}
	return ""
}

// Enumerate parses src (the content of file name, a slash-separated path
// relative to the source root) and returns its mutants in a deterministic
// order: by position, then operator, then index.
func Enumerate(name string, src []byte, opts Options) ([]Mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if SkipReason(name, f) != "" {
		return nil, nil
	}
	c := &collector{fset: fset, tf: fset.File(f.Pos()), src: src, name: name, skip: map[ast.Node]bool{}}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Body == nil || d.Recv == nil && (d.Name.Name == "init" || d.Name.Name == "main" && f.Name.Name == "main") {
				continue
			}
			c.body = d.Body
			c.walk(d.Body, funcName(d))
			c.body = nil
		case *ast.GenDecl:
			if d.Tok != token.VAR && d.Tok != token.CONST {
				continue
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				var names []string
				help := false
				for _, n := range vs.Names {
					names = append(names, n.Name)
					help = help || helpName.MatchString(n.Name)
				}
				if help {
					continue
				}
				for _, v := range vs.Values {
					c.walk(v, d.Tok.String()+" "+strings.Join(names, ","))
				}
			}
		}
	}

	var kept []Mutant
	for _, m := range assignIDs(c.out) {
		if opts.keep(m) {
			kept = append(kept, m)
		}
	}
	return kept, nil
}

// assignIDs sorts mutants by position (line, column), then operator, keeping
// the walk order among equals, and gives each its id: file:line:col:operator
// plus an index counting the mutants before it with the same four.
func assignIDs(ms []Mutant) []Mutant {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return operatorRank(a.Operator) < operatorRank(b.Operator)
	})
	seen := map[string]int{}
	for i := range ms {
		m := &ms[i]
		key := fmt.Sprintf("%s:%d:%d:%s", m.File, m.Line, m.Col, m.Operator)
		m.ID = fmt.Sprintf("%s:%d", key, seen[key])
		seen[key]++
	}
	return ms
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		}
		break
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + d.Name.Name
	}
	return d.Name.Name
}

type frame struct {
	name     string
	closures int
	lit      bool // a func literal, named like Go names closures: F.func1, F.func1.1
}

type collector struct {
	body  *ast.BlockStmt // the top-level function being walked, nil for package-level values
	fset  *token.FileSet
	tf    *token.File
	src   []byte
	name  string
	skip  map[ast.Node]bool
	out   []Mutant
	funcs []*frame
	stack []ast.Node
}

func (c *collector) off(p token.Pos) int { return c.tf.Offset(p) }

func (c *collector) text(n ast.Node) string {
	return string(c.src[c.off(n.Pos()):c.off(n.End())])
}

func (c *collector) add(op string, at token.Pos, node ast.Node, mutated string) {
	c.addRange(op, at, node.Pos(), node.End(), mutated)
}

func (c *collector) addRange(op string, at, start, end token.Pos, mutated string) {
	p := c.fset.Position(at)
	s, e := c.off(start), c.off(end)
	c.out = append(c.out, Mutant{
		File:     c.name,
		Line:     p.Line,
		Col:      p.Column,
		Operator: op,
		Original: string(c.src[s:e]),
		Mutated:  mutated,
		Function: c.funcs[len(c.funcs)-1].name,
		Start:    s,
		End:      e,
	})
}

func (c *collector) parent() ast.Node {
	if len(c.stack) < 2 {
		return nil
	}
	return c.stack[len(c.stack)-2]
}

func (c *collector) walk(root ast.Node, name string) {
	c.funcs = []*frame{{name: name}}
	c.stack = c.stack[:0]
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			top := c.stack[len(c.stack)-1]
			c.stack = c.stack[:len(c.stack)-1]
			if _, ok := top.(*ast.FuncLit); ok {
				c.funcs = c.funcs[:len(c.funcs)-1]
			}
			return false
		}
		if c.skip[n] {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && isLogCall(call) {
			return false
		}
		c.stack = append(c.stack, n)
		c.visit(n)
		return true
	})
}

func (c *collector) visit(n ast.Node) {
	switch n := n.(type) {
	case *ast.FuncLit:
		outer := c.funcs[len(c.funcs)-1]
		outer.closures++
		sep := ".func"
		if outer.lit {
			sep = "."
		}
		c.funcs = append(c.funcs, &frame{name: fmt.Sprintf("%s%s%d", outer.name, sep, outer.closures), lit: true})
	case *ast.Field:
		if n.Tag != nil {
			c.skip[n.Tag] = true
		}
	case *ast.ArrayType:
		if n.Len != nil {
			c.skip[n.Len] = true
		}
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok && skipKeys[id.Name] {
			c.skip[n.Value] = true
		}
	case *ast.BlockStmt:
		c.statements(n.List)
	case *ast.CaseClause:
		c.statements(n.Body)
	case *ast.CommClause:
		c.statements(n.Body)
	case *ast.IfStmt:
		c.negateCondition(n.Cond)
		c.removeEarlyReturn(n)
	case *ast.ForStmt:
		if n.Cond != nil {
			c.negateCondition(n.Cond)
		}
	case *ast.SwitchStmt:
		if n.Tag == nil {
			for _, s := range n.Body.List {
				for _, e := range s.(*ast.CaseClause).List {
					c.negateCondition(e)
				}
			}
		}
	case *ast.BinaryExpr:
		c.binary(n)
	case *ast.ReturnStmt:
		for _, r := range n.Results {
			if isErrorish(r) {
				c.add(OpDropError, r.Pos(), r, "nil")
			}
		}
	case *ast.BasicLit:
		c.literal(n)
	case *ast.Ident:
		if sel, ok := c.parent().(*ast.SelectorExpr); ok && sel.Sel == n {
			return
		}
		if n.Name == "true" || n.Name == "false" {
			if n.Obj != nil { // a local variable shadowing the builtin
				return
			}
			if n.Name == "true" {
				c.add(OpConstant, n.Pos(), n, "false")
			} else {
				c.add(OpConstant, n.Pos(), n, "true")
			}
		}
	}
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// negateCondition: cond → !(cond); !x → x. A bare comparison is left to
// negate-comparison, which yields the same mutant (a == b vs !(a == b)).
func (c *collector) negateCondition(cond ast.Expr) {
	e := unparen(cond)
	if b, ok := e.(*ast.BinaryExpr); ok && isComparison(b.Op) {
		return
	}
	var mutated string
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			mutated = c.text(unparen(x.X))
		} else {
			mutated = "!(" + c.text(e) + ")"
		}
	case *ast.Ident, *ast.SelectorExpr, *ast.CallExpr, *ast.IndexExpr, *ast.TypeAssertExpr:
		mutated = "!" + c.text(e)
	default:
		mutated = "!(" + c.text(e) + ")"
	}
	c.add(OpNegateCondition, cond.Pos(), cond, mutated)
}

var (
	boundarySwap   = map[token.Token]token.Token{token.LSS: token.LEQ, token.LEQ: token.LSS, token.GTR: token.GEQ, token.GEQ: token.GTR}
	comparisonSwap = map[token.Token]token.Token{token.EQL: token.NEQ, token.NEQ: token.EQL, token.LSS: token.GEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR}
	logicalSwap    = map[token.Token]token.Token{token.LAND: token.LOR, token.LOR: token.LAND}
)

// binary replaces the operator, keeping the operands' text. The mutant's
// position is the operator's, so nested expressions get distinct ids.
// Parentheses are added where the new operator would otherwise regroup the
// expression (a && b && c → (a || b) && c), so only the operator changes.
func (c *collector) binary(b *ast.BinaryExpr) {
	for _, o := range []struct {
		op   string
		swap map[token.Token]token.Token
	}{{OpBoundary, boundarySwap}, {OpNegateComparison, comparisonSwap}, {OpLogical, logicalSwap}} {
		to, ok := o.swap[b.Op]
		if !ok {
			continue
		}
		p := to.Precedence()
		x, y := c.text(b.X), c.text(b.Y)
		if bx, ok := b.X.(*ast.BinaryExpr); ok && bx.Op.Precedence() < p {
			x = "(" + x + ")"
		}
		if by, ok := b.Y.(*ast.BinaryExpr); ok && by.Op.Precedence() <= p {
			y = "(" + y + ")"
		}
		xEnd, opAt, yAt := c.off(b.X.End()), c.off(b.OpPos), c.off(b.Y.Pos())
		mutated := x + string(c.src[xEnd:opAt]) + to.String() + string(c.src[opAt+len(b.Op.String()):yAt]) + y
		if parent, ok := c.parent().(*ast.BinaryExpr); ok {
			pp := parent.Op.Precedence()
			if parent.X == ast.Expr(b) && p < pp || parent.Y == ast.Expr(b) && p <= pp {
				mutated = "(" + mutated + ")"
			}
		}
		c.add(o.op, b.OpPos, b, mutated)
	}
}

// statements offers each call statement and each plain assignment (=) of a
// statement list for removal. Log calls are not offered: removing one changes
// nothing an API client can observe.
func (c *collector) statements(list []ast.Stmt) {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, ok := unparen(s.X).(*ast.CallExpr)
			if !ok || isLogCall(call) {
				continue
			}
		case *ast.AssignStmt:
			if s.Tok != token.ASSIGN {
				continue
			}
			blank := true
			for _, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
					blank = false
				}
			}
			if blank {
				continue
			}
		default:
			continue
		}
		c.add(OpRemoveStatement, s.Pos(), s, c.removal(s))
	}
}

// removal picks the replacement text for a removed statement: a line comment
// if the statement has its line(s) to itself (or is followed only by a line
// comment), else an inline comment. Local variables read only by the statement
// are kept used (_ = v), or the mutant would not compile.
func (c *collector) removal(s ast.Stmt) string {
	keep := ""
	if names := c.lastReads(s); len(names) > 0 {
		keep = strings.Repeat("_, ", len(names)-1) + "_ = " + strings.Join(names, ", ") + " "
	}
	start, end := c.off(s.Pos()), c.off(s.End())
	for i := start - 1; i >= 0 && c.src[i] != '\n'; i-- {
		if c.src[i] != ' ' && c.src[i] != '\t' {
			return keep + removedInline
		}
	}
	rest := c.src[end:]
	if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
		rest = rest[:i]
	}
	r := strings.TrimLeft(string(rest), " \t\r")
	if r == "" || strings.HasPrefix(r, "//") {
		return keep + removedLine
	}
	return keep + removedInline
}

// lastReads returns, in order of first appearance, the local variables of the
// function being walked that are read inside removed and nowhere else: without
// removed they would be "declared and not used". Identifiers are matched to
// their declarations by the parser's (syntactic) object resolution.
func (c *collector) lastReads(removed ast.Node) []string {
	if c.body == nil {
		return nil
	}
	notRead := map[*ast.Ident]bool{}
	mark := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok {
			notRead[id] = true
		}
	}
	ast.Inspect(c.body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE || x.Tok == token.ASSIGN {
				for _, l := range x.Lhs {
					mark(l)
				}
			}
		case *ast.RangeStmt:
			mark(x.Key)
			mark(x.Value)
		case *ast.IncDecStmt:
			mark(x.X)
		case *ast.KeyValueExpr:
			mark(x.Key) // a struct field name, or a map key: not told apart
		}
		return true
	})
	local := func(id *ast.Ident) bool {
		if id.Obj == nil || id.Obj.Kind != ast.Var || id.Name == "_" {
			return false
		}
		d, ok := id.Obj.Decl.(ast.Node)
		return ok && d.Pos() >= c.body.Pos() && d.End() <= c.body.End()
	}
	from, to := removed.Pos(), removed.End()
	var inside []*ast.Object
	seen := map[*ast.Object]bool{}
	readOutside := map[*ast.Object]bool{}
	ast.Inspect(c.body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || notRead[id] || !local(id) {
			return true
		}
		if id.Pos() >= from && id.End() <= to {
			if !seen[id.Obj] {
				seen[id.Obj] = true
				inside = append(inside, id.Obj)
			}
		} else {
			readOutside[id.Obj] = true
		}
		return true
	})
	var last []string
	for _, o := range inside {
		if !readOutside[o] {
			last = append(last, o.Name)
		}
	}
	return last
}

// removeEarlyReturn empties the body of an if whose body ends with a return.
// Local variables read only in the body (often the if's own v, ok := ...) are
// kept used (_ = v) so the mutant still compiles.
func (c *collector) removeEarlyReturn(n *ast.IfStmt) {
	list := n.Body.List
	if len(list) == 0 {
		return
	}
	if _, ok := list[len(list)-1].(*ast.ReturnStmt); !ok {
		return
	}
	indent := c.lineIndent(c.off(n.Body.Rbrace))
	var keep strings.Builder
	for _, name := range c.lastReads(n.Body) {
		keep.WriteString(indent + "\t_ = " + name + "\n")
	}
	c.add(OpRemoveEarlyReturn, n.Pos(), n.Body, "{\n"+keep.String()+indent+"}")
}

func (c *collector) lineIndent(off int) string {
	i := off
	for i > 0 && c.src[i-1] != '\n' {
		i--
	}
	j := i
	for j < len(c.src) && (c.src[j] == ' ' || c.src[j] == '\t') {
		j++
	}
	return string(c.src[i:j])
}

func (c *collector) literal(l *ast.BasicLit) {
	switch l.Kind {
	case token.STRING:
		v, err := strconv.Unquote(l.Value)
		if err != nil || v == "" {
			return
		}
		c.add(OpConstant, l.Pos(), l, `""`)
	case token.INT:
		raw := strings.ReplaceAll(l.Value, "_", "")
		v, err := strconv.ParseUint(raw, 0, 64)
		if err != nil || v == ^uint64(0) {
			return
		}
		next := strconv.FormatUint(v+1, 10)
		if lower := strings.ToLower(raw); strings.HasPrefix(lower, "0x") {
			next = "0x" + strconv.FormatUint(v+1, 16)
		}
		c.add(OpConstant, l.Pos(), l, next)
	}
}

func selectorName(e ast.Expr) string {
	s, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if id, ok := s.X.(*ast.Ident); ok {
		return id.Name + "." + s.Sel.Name
	}
	return ""
}

// isErrorish: the expression is an error value drop-error may replace with nil:
// err, errSomething, pkg.ErrSomething, or a call to an error constructor.
func isErrorish(e ast.Expr) bool {
	switch x := unparen(e).(type) {
	case *ast.Ident:
		n := x.Name
		return n == "err" || len(n) > 3 && strings.HasPrefix(n, "err") && n[3] >= 'A' && n[3] <= 'Z'
	case *ast.SelectorExpr:
		_, pkg := x.X.(*ast.Ident)
		return pkg && strings.HasPrefix(x.Sel.Name, "Err")
	case *ast.CallExpr:
		return errorConstructors[selectorName(x.Fun)]
	}
	return false
}

// isLogCall: x.Debug(...)/Info/Warn/Error/Trace where x is a call named
// Logger/L/Log or a name containing "log" (b.Logger().Warn, logger.Info, b.log.Debug).
func isLogCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !logMethods[sel.Sel.Name] {
		return false
	}
	recv := unparen(sel.X)
	if inner, ok := recv.(*ast.CallExpr); ok {
		recv = inner.Fun
	}
	var name string
	switch r := recv.(type) {
	case *ast.Ident:
		name = r.Name
	case *ast.SelectorExpr:
		name = r.Sel.Name
	}
	return name == "L" || strings.Contains(strings.ToLower(name), "log")
}
