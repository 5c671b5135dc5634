// Package buildinfo says which lmi this is: the version and VCS revision
// a release build stamps with -ldflags -X (scripts/release.sh), else what
// the Go toolchain recorded in the binary's build information.
package buildinfo
