package formats

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDetect: any file, under any of the names lmi reads, is recognised as
// one registered format (lmi's CSV tables when nothing else claims it),
// never a panic; and the format recognised is the one Resolve gives by
// its name.
func FuzzDetect(f *testing.F) {
	exts := []string{".csv", ".parquet", ".px", ".json", ".jsonl", ".xlsx", ".zip", ".gz", ".txt", ""}
	seeds := []string{
		"year,person_id,home_kommun,work_kommun,status,ssyk4,sni,edu_group,sun_level,sun_field,sex,age,birth_region,n\n2021,1,0180,0114,employed,2512,62,5-48,,,1,30,1,\n",
		"period,region,ssyk4,n\n2024-01,01,2512,5\n",
		"PAR1\x15\x04\x15",
		"CHARSET=\"ANSI\";\nAXIS-VERSION=\"2000\";\nMATRIX=\"AM0208\";\n",
		`{"version":"2.0","class":"dataset","id":["Tid"],"size":[1],"dimension":{"Tid":{"category":{"index":{"2020":0}}}},"value":[1]}`,
		`{"publication_date":"2024-01-05","number_of_vacancies":1}` + "\n",
		"PK\x03\x04",
		"\xef\xbb\xbf\"Region\";\"2020\"\n\"01 Stockholms län\";\"5\"\n",
		"<html><body>502</body></html>",
		"",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, ext uint8) {
		path := filepath.Join(dir, "input"+exts[int(ext)%len(exts)])
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Detect(path)
		if err != nil {
			return
		}
		if got == nil {
			t.Fatal("no format and no error")
		}
		if byName, err := Resolve(path, got.Name); err != nil || byName != got {
			t.Errorf("detected %s, but Resolve by that name gives %v, %v", got.Name, byName, err)
		}
	})
}
