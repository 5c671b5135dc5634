package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestGet(t *testing.T) {
	recorded := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207230550-a1fddee6c1b2+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "a1fddee6c1b2"}, {Key: "vcs.modified", Value: "true"}}}, true
	}
	devel := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	cases := []struct {
		name, version, revision string
		read                    func() (*debug.BuildInfo, bool)
		want                    Info
	}{
		{"stamped", "v1.0.0", "0123abcd", recorded, Info{Version: "v1.0.0", Revision: "0123abcd"}},
		{"recorded", "", "", recorded, Info{Version: "v0.0.0-20261207230550-a1fddee6c1b2+dirty", Revision: "a1fddee6c1b2", Modified: true}},
		{"version stamped only", "v1.0.0", "", recorded, Info{Version: "v1.0.0", Revision: "a1fddee6c1b2", Modified: true}},
		{"go run", "", "", devel, Info{}},
		{"no build information", "v1.0.0", "", none, Info{Version: "v1.0.0"}},
	}
	for _, c := range cases {
		if got := get(c.version, c.revision, c.read); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
