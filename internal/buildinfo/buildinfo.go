package buildinfo

import "runtime/debug"

// Version and Revision are stamped by release builds:
//
//	go build -ldflags "-X lmi/internal/buildinfo.Version=v1.2.0 -X lmi/internal/buildinfo.Revision=$(git rev-parse HEAD)"
//
// Empty in other builds.
var (
	Version  string
	Revision string
)

// Info is which lmi this is.
type Info struct {
	Version  string // "" when neither stamped nor recorded
	Revision string // "" when neither stamped nor recorded
	Modified bool   // built from a checkout with uncommitted changes
}

// Get returns the stamped version and revision, each falling back to the
// build information (go build -buildvcs=true records the revision; Go
// records a module version when it knows one).
func Get() Info {
	return get(Version, Revision, debug.ReadBuildInfo)
}

func get(version, revision string, read func() (*debug.BuildInfo, bool)) Info {
	in := Info{Version: version, Revision: revision}
	bi, ok := read()
	if !ok {
		return in
	}
	if in.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		in.Version = bi.Main.Version
	}
	stamped := revision != ""
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && !stamped:
			in.Revision = s.Value
		case s.Key == "vcs.modified" && !stamped:
			in.Modified = s.Value == "true"
		}
	}
	return in
}
