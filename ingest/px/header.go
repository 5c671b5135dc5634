package px

import (
	"bytes"
	"fmt"
	"strings"
)

type tokKind uint8

const (
	tokString tokKind = iota // a quoted string, continuations joined
	tokWord                  // an unquoted word: YES, 0, TLIST, A1, VALUES
	tokPunct                 // , ( ) -
)

type token struct {
	kind      tokKind
	text      string // raw bytes until the header is decoded, then UTF-8
	line, col int
}

// stmt is one header statement KEYWORD[lang]("arg",...)=value;
type stmt struct {
	kw        string // upper case
	lang      string // "" for the main language
	args      []string
	toks      []token
	line, col int
}

// name is the keyword with its arguments, for error messages.
func (st *stmt) name() string {
	var b strings.Builder
	b.WriteString(st.kw)
	if st.lang != "" {
		b.WriteString("[" + st.lang + "]")
	}
	if len(st.args) > 0 {
		b.WriteString("(")
		for i, a := range st.args {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(fmt.Sprintf("%q", a))
		}
		b.WriteString(")")
	}
	return b.String()
}

func isKeywordByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func isWordByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', ';', '"', '(', ')', '=', '[', ']':
		return false
	}
	return true
}

const (
	maxKeyword = 64
	maxArgs    = 64
)

// errAt builds a ParseError at a position.
func (d *decoder) errAt(line, col int, kw string, err error) *ParseError {
	return &ParseError{File: d.name, Line: line, Column: col, Keyword: kw, Err: err}
}

// readErr is the error for input that ended: a read failure when there was
// one, else err.
func (d *decoder) eofErr(line, col int, kw string, err error) *ParseError {
	if d.s.err != nil {
		return d.errAt(line, col, kw, fmt.Errorf("%w: %w", ErrRead, d.s.err))
	}
	return d.errAt(line, col, kw, err)
}

// readStatement reads one header statement. data is true when the statement
// is DATA=, whose value the caller reads.
func (d *decoder) readStatement(first bool) (st *stmt, data bool, err error) {
	s := d.s
	s.skipSpace()
	c, ok := s.peek()
	if !ok {
		if first {
			return nil, false, d.eofErr(s.line, 0, "", fmt.Errorf("%w: the file is empty", ErrNotPX))
		}
		return nil, false, d.eofErr(s.line, 0, "", fmt.Errorf("%w: %w: the header is not followed by DATA=", ErrTruncated, ErrNoData))
	}
	if first && c == '<' {
		return nil, false, d.errAt(s.line, s.col, "", fmt.Errorf("%w (it starts with %q)", ErrHTML, d.peekText(16)))
	}
	line, col := s.line, s.col
	var kw []byte
	for {
		c, ok := s.peek()
		if !ok || !isKeywordByte(c) {
			break
		}
		if len(kw) >= maxKeyword {
			return nil, false, d.errAt(line, col, "", fmt.Errorf("%w: keyword longer than %d characters", ErrSyntax, maxKeyword))
		}
		kw = append(kw, c)
		s.next()
	}
	if len(kw) == 0 {
		if first {
			return nil, false, d.errAt(line, col, "", fmt.Errorf("%w: it does not start with a keyword (found %q)", ErrNotPX, d.peekText(16)))
		}
		return nil, false, d.errAt(line, col, "", fmt.Errorf("%w: expected a keyword, found %q", ErrSyntax, d.peekText(16)))
	}
	st = &stmt{kw: strings.ToUpper(string(kw)), line: line, col: col}
	s.skipSpace()
	if c, ok := s.peek(); ok && c == '[' {
		s.next()
		var lang []byte
		for {
			c, ok := s.peek()
			if !ok {
				return nil, false, d.eofErr(s.line, s.col, st.kw, fmt.Errorf("%w: %w: language not closed by ]", ErrTruncated, ErrSyntax))
			}
			if c == ']' {
				s.next()
				break
			}
			if !isKeywordByte(c) || len(lang) >= maxKeyword {
				return nil, false, d.errAt(s.line, s.col, st.kw, fmt.Errorf("%w: bad language code after [", ErrSyntax))
			}
			lang = append(lang, c)
			s.next()
		}
		if len(lang) == 0 {
			return nil, false, d.errAt(line, col, st.kw, fmt.Errorf("%w: empty language code []", ErrSyntax))
		}
		st.lang = string(lang)
		s.skipSpace()
	}
	if c, ok := s.peek(); ok && c == '(' {
		s.next()
		if err := d.readArgs(st); err != nil {
			return nil, false, err
		}
		s.skipSpace()
	}
	c, ok = s.peek()
	if !ok {
		return nil, false, d.eofErr(s.line, s.col, st.name(), fmt.Errorf("%w: %w: expected = after the keyword", ErrTruncated, ErrSyntax))
	}
	if c != '=' {
		return nil, false, d.errAt(s.line, s.col, st.name(), fmt.Errorf("%w: expected = after the keyword, found %q", ErrSyntax, d.peekText(16)))
	}
	s.next()
	if st.kw == "DATA" {
		return st, true, nil
	}
	if err := d.readValue(st); err != nil {
		return nil, false, err
	}
	return st, false, nil
}

// peekText returns up to n bytes of what comes next, for messages, without
// consuming anything (only what is already buffered).
func (d *decoder) peekText(n int) string {
	s := d.s
	if !s.fill() {
		return ""
	}
	b := s.buf[s.pos:s.end]
	if len(b) > n {
		b = b[:n]
	}
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

func (d *decoder) readArgs(st *stmt) error {
	s := d.s
	for {
		s.skipSpace()
		c, ok := s.peek()
		if !ok {
			return d.eofErr(s.line, s.col, st.kw, fmt.Errorf("%w: %w: ( not closed", ErrTruncated, ErrSyntax))
		}
		if c == ')' && len(st.args) == 0 {
			s.next()
			return nil
		}
		var arg string
		switch {
		case c == '"':
			t, err := d.readString(st.kw)
			if err != nil {
				return err
			}
			arg = t
		case isWordByte(c):
			arg = d.readWord()
		default:
			return d.errAt(s.line, s.col, st.kw, fmt.Errorf("%w: expected a quoted name in ( ), found %q", ErrSyntax, d.peekText(16)))
		}
		if len(st.args) >= maxArgs {
			return d.errAt(st.line, st.col, st.kw, fmt.Errorf("%w: more than %d arguments", ErrSyntax, maxArgs))
		}
		st.args = append(st.args, arg)
		s.skipSpace()
		c, ok = s.peek()
		if !ok {
			return d.eofErr(s.line, s.col, st.kw, fmt.Errorf("%w: %w: ( not closed", ErrTruncated, ErrSyntax))
		}
		s.next()
		switch c {
		case ',':
		case ')':
			return nil
		default:
			return d.errAt(s.line, s.col-1, st.kw, fmt.Errorf("%w: expected , or ) after an argument, found %q", ErrSyntax, string(c)))
		}
	}
}

// readString reads a quoted string at the scanner (which is at the opening
// quote). A string may not run over a line end: PX continues long texts by
// closing the quote and opening another on the next line.
func (d *decoder) readString(kw string) (string, error) {
	b, err := d.appendString(d.scratch[:0], kw)
	d.scratch = b[:0]
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// appendString reads a quoted string at the scanner and appends its
// content to dst.
func (d *decoder) appendString(dst []byte, kw string) ([]byte, error) {
	s := d.s
	line, col := s.line, s.col
	start := len(dst)
	s.next() // opening quote
	for {
		if !s.fill() {
			return dst, d.eofErr(line, col, kw, fmt.Errorf("%w: %w: the string has no closing quote", ErrTruncated, ErrUnterminated))
		}
		// Copy the run up to a quote or line end at once.
		b := s.buf[s.pos:s.end]
		i := bytes.IndexAny(b, "\"\n")
		if i < 0 {
			dst = append(dst, b...)
			s.col += len(b)
			s.pos = s.end
		} else {
			dst = append(dst, b[:i]...)
			s.col += i
			s.pos += i
			if b[i] == '\n' {
				return dst, d.errAt(line, col, kw, fmt.Errorf("%w: the string has no closing quote on its line", ErrUnterminated))
			}
			s.next() // closing quote
			break
		}
		if len(dst)-start > maxToken {
			return dst, d.errAt(line, col, kw, fmt.Errorf("%w: string longer than %d bytes", ErrSyntax, maxToken))
		}
	}
	if len(dst)-start > maxToken {
		return dst, d.errAt(line, col, kw, fmt.Errorf("%w: string longer than %d bytes", ErrSyntax, maxToken))
	}
	return dst, nil
}

func (d *decoder) readWord() string {
	s := d.s
	d.scratch = d.scratch[:0]
	for len(d.scratch) < maxToken {
		c, ok := s.peek()
		if !ok || !isWordByte(c) {
			break
		}
		d.scratch = append(d.scratch, c)
		s.next()
	}
	return string(d.scratch)
}

// readValue reads the tokens after = up to the closing semicolon.
func (d *decoder) readValue(st *stmt) error {
	s := d.s
	for {
		s.skipSpace()
		c, ok := s.peek()
		if !ok {
			return d.eofErr(st.line, st.col, st.name(), fmt.Errorf("%w: %w: the statement is not ended by ;", ErrTruncated, ErrSyntax))
		}
		line, col := s.line, s.col
		switch {
		case c == ';':
			s.next()
			return nil
		case c == '"':
			acc, err := d.appendString(d.scratch[:0], st.name())
			if err != nil {
				return err
			}
			// Strings separated only by white space (usually a line end)
			// are one string continued.
			for {
				s.skipSpace()
				if c, ok := s.peek(); !ok || c != '"' {
					break
				}
				before := len(acc)
				if acc, err = d.appendString(acc, st.name()); err != nil {
					return err
				}
				if before > maxToken {
					return d.errAt(line, col, st.name(), fmt.Errorf("%w: string longer than %d bytes", ErrSyntax, maxToken))
				}
			}
			d.scratch = acc[:0]
			st.toks = append(st.toks, token{kind: tokString, text: string(acc), line: line, col: col})
		case c == ',' || c == '(' || c == ')':
			s.next()
			st.toks = append(st.toks, token{kind: tokPunct, text: string(c), line: line, col: col})
		case c == '=':
			return d.errAt(line, col, st.name(), fmt.Errorf("%w: unexpected = (is the ; of this statement missing?)", ErrSyntax))
		case isWordByte(c):
			w := d.readWord()
			kind := tokWord
			if w == "-" {
				kind = tokPunct
			}
			st.toks = append(st.toks, token{kind: kind, text: w, line: line, col: col})
		default:
			return d.errAt(line, col, st.name(), fmt.Errorf("%w: unexpected %q", ErrSyntax, string(c)))
		}
	}
}
