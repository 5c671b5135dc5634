// Package aftest holds the helpers the tests of the AF readers share: the
// shared real files, broken and damaged inputs, fuzz seeds and result
// checks, generated xlsx workbooks and the reference number parser. Only
// tests import it.
package aftest
